import {
  generateKeyPairSync,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  createHash,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';
import { LEGACY_FIELD_KEY_ID, type BlindIndexKeys, type FieldKeys } from './field-crypto';
import type { Logger } from './logger';

/**
 * The service's secrets. In production they come from configuration (KMS-provided
 * files/variables); on the embedded default they are generated once into
 * DATA_DIR/keys.json (mode 0600) so restarts keep working sessions and data.
 */
export type KeyMaterial = {
  /** The current field key (what `fieldKeys.current` names). */
  encryptionKey: Buffer;
  /** Every active field key by id, for reading values sealed before a rotation. */
  fieldKeys: FieldKeys;
  /** The legacy blind-index key (`k1`); with a rotation, `blindIndexKeys` has them all. */
  blindIndexKey: Buffer;
  /** Every active blind-index key by id, the current one indexing new writes. */
  blindIndexKeys: BlindIndexKeys;
  sessionTokenKey: Buffer;
  /** Session keys before a rotation: they still verify tokens and refresh hashes they issued. */
  sessionTokenPreviousKeys: Buffer[];
  signing: { kid: string; algorithm: 'SM2-SM3'; privateKey: KeyObject; publicKey: KeyObject };
};

type StoredKeys = {
  /** Key `k1`. */
  encryptionKey: string;
  /** After a rotation: `kid:base64,…`, current first (the embedded keys.json may carry it too). */
  fieldEncryptionKeys?: string;
  /** Key `k1` of the blind index. */
  blindIndexKey: string;
  /** After a blind-index rotation: `kid:base64,…`, current first (as `fieldEncryptionKeys`). */
  blindIndexKeys?: string;
  sessionTokenKey: string;
  /** After a rotation: the previous session keys, base64, comma-separated. */
  sessionTokenPreviousKeys?: string;
  signingKeyPem: string;
  signingKeyId: string;
};

export async function loadKeyMaterial(config: Config, logger: Logger): Promise<KeyMaterial> {
  const k = config.keys;
  if (
    (k.fieldEncryptionKey || k.fieldEncryptionKeys) &&
    (k.blindIndexKey || k.blindIndexKeys) &&
    k.sessionTokenKey &&
    k.signingKeyFile &&
    k.signingKeyId
  ) {
    const pem = await readFile(k.signingKeyFile, 'utf8');
    return keyMaterialFrom({
      encryptionKey: k.fieldEncryptionKey ?? '',
      fieldEncryptionKeys: k.fieldEncryptionKeys,
      blindIndexKey: k.blindIndexKey ?? '',
      blindIndexKeys: k.blindIndexKeys,
      sessionTokenKey: k.sessionTokenKey,
      sessionTokenPreviousKeys: k.sessionTokenPreviousKeys,
      signingKeyPem: pem,
      signingKeyId: k.signingKeyId,
    });
  }
  if (config.mode === 'production') throw new Error('key material must be configured in production');
  const file = path.join(config.dataDir, 'keys.json');
  const stored = await readKeyFile<StoredKeys>(file);
  if (stored) return keyMaterialFrom(stored);
  const fresh = generateStoredKeys();
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
  logger.warn({ file }, 'generated local key material (embedded mode; production takes keys from configuration)');
  return keyMaterialFrom(fresh);
}

/** A generated key file's content, or null when there is none yet. */
async function readKeyFile<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Fresh random keys and an SM2 signing key (OpenSSL's SM2 curve through node:crypto). */
export function generateStoredKeys(): StoredKeys {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const b64 = () => randomBytes(32).toString('base64');
  return {
    encryptionKey: b64(),
    blindIndexKey: b64(),
    sessionTokenKey: b64(),
    signingKeyPem: pem,
    signingKeyId: keyIdOf(pem),
  };
}

function keyIdOf(pem: string): string {
  const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return `sm2-${createHash('sha256').update(spki).digest('base64url').slice(0, 16)}`;
}

/** Key material from its stored form (also used by tests with generateStoredKeys()). */
export function keyMaterialFrom(s: StoredKeys): KeyMaterial {
  const privateKey = createPrivateKey(s.signingKeyPem);
  const fieldKeys = fieldKeysFrom(s.encryptionKey, s.fieldEncryptionKeys);
  const blindIndexKeys = fieldKeysFrom(s.blindIndexKey, s.blindIndexKeys, 'blind-index');
  return {
    encryptionKey: fieldKeys.keys.get(fieldKeys.current)!,
    fieldKeys,
    blindIndexKey: blindIndexKeys.keys.get(LEGACY_FIELD_KEY_ID) ?? blindIndexKeys.keys.get(blindIndexKeys.current)!,
    blindIndexKeys,
    sessionTokenKey: Buffer.from(s.sessionTokenKey, 'base64'),
    sessionTokenPreviousKeys: (s.sessionTokenPreviousKeys ? s.sessionTokenPreviousKeys.split(',') : []).map((k) =>
      Buffer.from(k, 'base64'),
    ),
    signing: { kid: s.signingKeyId, algorithm: 'SM2-SM3', privateKey, publicKey: createPublicKey(privateKey) },
  };
}

/**
 * The field keys (or the blind-index keys): `list` (`kid:base64,…`, current first) plus the single
 * legacy key as `k1` (unless the list names `k1` itself). Without a list: `k1` alone, the format of
 * before rotation.
 */
export function fieldKeysFrom(legacy: string, list?: string, what = 'field-encryption'): FieldKeys {
  const keys = new Map<string, Buffer>();
  let current: string | undefined;
  for (const part of list ? list.split(',') : []) {
    const [kid, key] = part.split(':') as [string, string];
    keys.set(kid, Buffer.from(key, 'base64'));
    current ??= kid;
  }
  if (legacy && !keys.has(LEGACY_FIELD_KEY_ID)) keys.set(LEGACY_FIELD_KEY_ID, Buffer.from(legacy, 'base64'));
  if (keys.size === 0) throw new Error(`no ${what} key configured`);
  return { current: current ?? LEGACY_FIELD_KEY_ID, keys };
}

type StoredPresentationKeys = { ed25519Pkcs8Pem: string };

/**
 * The Ed25519 presentation key (the alternative algorithm; SM2 uses `signing` above):
 * PRESENTATION_ED25519_KEY_FILE when configured; none in production otherwise; on the
 * embedded default generated once into DATA_DIR/presentation-keys.json (mode 0600).
 */
export async function loadPresentationEd25519Key(
  config: Pick<Config, 'presentation' | 'mode' | 'dataDir'>,
): Promise<KeyObject | null> {
  const configured = config.presentation.ed25519KeyFile;
  if (configured) return createPrivateKey(await readFile(configured, 'utf8'));
  if (config.mode === 'production') return null;
  const file = path.join(config.dataDir, 'presentation-keys.json');
  const stored = await readKeyFile<StoredPresentationKeys>(file);
  if (stored) return createPrivateKey(stored.ed25519Pkcs8Pem);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await mkdir(config.dataDir, { recursive: true });
  try {
    await writeFile(file, JSON.stringify({ ed25519Pkcs8Pem: pem }, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process of the same data folder wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return createPrivateKey((await readKeyFile<StoredPresentationKeys>(file))!.ed25519Pkcs8Pem);
    throw err;
  }
  return privateKey;
}
