import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { maskIdNumber, maskPhone } from '@roadcert/shared';

/**
 * Personal numbers at rest: AES-256-GCM ciphertext (random 12-byte IV, the column
 * name as associated data so a value cannot be moved to another column), an
 * HMAC-SHA-256 blind index for exact-match lookups, and a masked copy for lists.
 */
export type SealedValue = { enc: Uint8Array<ArrayBuffer>; hash: string; masked: string };

const VERSION = 1;

export function createFieldCrypto(keys: { encryptionKey: Buffer; blindIndexKey: Buffer }) {
  function encrypt(plain: string, column: string): Uint8Array<ArrayBuffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
    cipher.setAAD(Buffer.from(column));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]));
  }

  function decrypt(sealed: Uint8Array, column: string): string {
    const buf = Buffer.from(sealed);
    if (buf[0] !== VERSION) throw new Error(`unknown field-crypto version ${buf[0]}`);
    const decipher = createDecipheriv('aes-256-gcm', keys.encryptionKey, buf.subarray(1, 13));
    decipher.setAAD(Buffer.from(column));
    decipher.setAuthTag(buf.subarray(13, 29));
    return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString('utf8');
  }

  /** Blind index: the same input always gives the same hex digest, per purpose. */
  function blindIndex(plain: string, purpose: string): string {
    return createHmac('sha256', keys.blindIndexKey)
      .update(`${purpose}\u0000${plain.trim().toUpperCase()}`)
      .digest('hex');
  }

  function seal(plain: string, column: string, purpose: string, mask: (v: string) => string): SealedValue {
    return { enc: encrypt(plain, column), hash: blindIndex(plain, purpose), masked: mask(plain) };
  }

  return {
    encrypt,
    decrypt,
    blindIndex,
    sealIdNumber: (id: string, column = 'idNumber') => seal(id.toUpperCase(), column, 'id-number', maskIdNumber),
    sealPhone: (phone: string, column = 'phone') => seal(phone, column, 'phone', maskPhone),
    seal,
  };
}

export type FieldCrypto = ReturnType<typeof createFieldCrypto>;
