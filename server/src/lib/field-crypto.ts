import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { maskIdNumber, maskPhone } from '@roadcert/shared';
import { pooledRandomBytes } from './random-pool';

/**
 * Personal numbers at rest: AES-256-GCM ciphertext (random 12-byte IV, the column
 * name as associated data so a value cannot be moved to another column), an
 * HMAC-SHA-256 blind index for exact-match lookups, and a masked copy for lists.
 *
 * Key rotation (docs/retention.md, "Key rotation"): several field keys may be active, each
 * with a key id; writes use the current one, reads pick the key by the id in the value, and
 * the `keys.reencrypt` job rewrites old values. Formats:
 * - version 1: `01 | iv(12) | tag(16) | body` — the legacy key, key id `k1`;
 * - version 2: `02 | kid length(1) | kid | iv(12) | tag(16) | body` — any other key id.
 * With only `k1` configured nothing changes: values stay version 1, byte for byte.
 */
export type SealedValue = {
  enc: Uint8Array<ArrayBuffer>;
  /** The blind index under the current key (what a write stores). */
  hash: string;
  /** Every key's digest, current first (what a lookup matches while a rotation runs). */
  hashes: string[];
  masked: string;
};

/** The field-encryption keys by id; `current` encrypts. `k1` is the legacy (version-1) key. */
export type FieldKeys = { current: string; keys: ReadonlyMap<string, Buffer> };
/** The blind-index keys by id; `current` indexes new writes, every key is looked up. `k1` is the legacy key. */
export type BlindIndexKeys = FieldKeys;

export const LEGACY_FIELD_KEY_ID = 'k1';

/** Parses the version and key id of a sealed value (no key needed). */
export function sealedKeyId(sealed: Uint8Array): { kid: string; offset: number } {
  const version = sealed[0];
  if (version === 1) return { kid: LEGACY_FIELD_KEY_ID, offset: 1 };
  if (version === 2) {
    const length = sealed[1] ?? 0;
    return { kid: Buffer.from(sealed.subarray(2, 2 + length)).toString('utf8'), offset: 2 + length };
  }
  throw new Error(`unknown field-crypto version ${version}`);
}

/**
 * Blind-index digests: under the legacy key `k1`, 64 hex digits (the format of before rotation,
 * unchanged); under any other key, `<kid>.<43 base64url digits>` (≤ 60 characters, the columns
 * hold 64), so a stored digest names its key. docs/retention.md, "Key rotation".
 */
export function blindIndexKeyId(digest: string): string {
  const dot = digest.indexOf('.');
  return dot < 0 ? LEGACY_FIELD_KEY_ID : digest.slice(0, dot);
}

export function createFieldCrypto(keys: {
  encryptionKey: Buffer;
  blindIndexKey: Buffer;
  fieldKeys?: FieldKeys;
  blindIndexKeys?: BlindIndexKeys;
}) {
  const fieldKeys: FieldKeys = keys.fieldKeys ?? {
    current: LEGACY_FIELD_KEY_ID,
    keys: new Map([[LEGACY_FIELD_KEY_ID, keys.encryptionKey]]),
  };
  const currentKey = fieldKeys.keys.get(fieldKeys.current);
  if (!currentKey) throw new Error(`the current field key ${fieldKeys.current} is not among the keys`);
  const header =
    fieldKeys.current === LEGACY_FIELD_KEY_ID
      ? Buffer.from([1])
      : Buffer.concat([Buffer.from([2, Buffer.byteLength(fieldKeys.current)]), Buffer.from(fieldKeys.current)]);

  function encrypt(plain: string, column: string): Uint8Array<ArrayBuffer> {
    const iv = pooledRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', currentKey!, iv);
    cipher.setAAD(Buffer.from(column));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return new Uint8Array(Buffer.concat([header, iv, cipher.getAuthTag(), body]));
  }

  function decrypt(sealed: Uint8Array, column: string): string {
    const buf = Buffer.from(sealed);
    const { kid, offset } = sealedKeyId(buf);
    const key = fieldKeys.keys.get(kid);
    if (!key) throw new Error(`field key ${kid} is not configured (rotated out before its values were re-encrypted?)`);
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(offset, offset + 12));
    decipher.setAAD(Buffer.from(column));
    decipher.setAuthTag(buf.subarray(offset + 12, offset + 28));
    return Buffer.concat([decipher.update(buf.subarray(offset + 28)), decipher.final()]).toString('utf8');
  }

  /** Whether a value is sealed under the current key (the re-encryption job rewrites the others). */
  const isCurrent = (sealed: Uint8Array) => sealedKeyId(sealed).kid === fieldKeys.current;

  const indexKeys: BlindIndexKeys = keys.blindIndexKeys ?? {
    current: LEGACY_FIELD_KEY_ID,
    keys: new Map([[LEGACY_FIELD_KEY_ID, keys.blindIndexKey]]),
  };
  if (!indexKeys.keys.has(indexKeys.current))
    throw new Error(`the current blind-index key ${indexKeys.current} is not among the keys`);
  // Current first: lookups try it first, and the re-index job writes it.
  const indexKeyIds = [indexKeys.current, ...[...indexKeys.keys.keys()].filter((kid) => kid !== indexKeys.current)];

  function blindIndexUnder(kid: string, plain: string, purpose: string): string {
    const key = indexKeys.keys.get(kid);
    if (!key) throw new Error(`blind-index key ${kid} is not configured`);
    const mac = createHmac('sha256', key).update(`${purpose}\u0000${plain.trim().toUpperCase()}`);
    return kid === LEGACY_FIELD_KEY_ID ? mac.digest('hex') : `${kid}.${mac.digest('base64url')}`;
  }

  /** Blind index: the same input always gives the same digest, per purpose, under the current key (writes). */
  const blindIndex = (plain: string, purpose: string): string => blindIndexUnder(indexKeys.current, plain, purpose);

  /**
   * Every digest the value may be stored under while a blind-index rotation runs (current key
   * first): lookups match any of them (`= ANY(…)`). One element when one key is configured.
   */
  const blindIndexes = (plain: string, purpose: string): string[] =>
    indexKeyIds.map((kid) => blindIndexUnder(kid, plain, purpose));

  function seal(plain: string, column: string, purpose: string, mask: (v: string) => string): SealedValue {
    const hashes = blindIndexes(plain, purpose);
    return { enc: encrypt(plain, column), hash: hashes[0]!, hashes, masked: mask(plain) };
  }

  return {
    encrypt,
    decrypt,
    isCurrent,
    currentKeyId: fieldKeys.current,
    blindIndex,
    blindIndexes,
    blindIndexUnder,
    /** The blind-index key ids, current first; more than one while a rotation runs. */
    blindIndexKeyIds: indexKeyIds as readonly string[],
    /** Whether a stored digest is under the current blind-index key (the re-index job rewrites the others). */
    isCurrentIndex: (digest: string) => blindIndexKeyId(digest) === indexKeys.current,
    sealIdNumber: (id: string, column = 'idNumber') => seal(id.toUpperCase(), column, 'id-number', maskIdNumber),
    sealPhone: (phone: string, column = 'phone') => seal(phone, column, 'phone', maskPhone),
    /** A person's name matched by equality only (the legal representative's): sealed + blind index, NFC-normalised. */
    sealPersonName: (name: string, column: string) => {
      const normal = name.normalize('NFC').trim();
      return { enc: encrypt(normal, column), hash: blindIndex(normal, 'person-name') };
    },
    personNameIndex: (name: string) => blindIndex(name.normalize('NFC').trim(), 'person-name'),
    /** Every digest of the name while a rotation runs (see `blindIndexes`). */
    personNameIndexes: (name: string) => blindIndexes(name.normalize('NFC').trim(), 'person-name'),
    seal,
  };
}

export type FieldCrypto = ReturnType<typeof createFieldCrypto>;
