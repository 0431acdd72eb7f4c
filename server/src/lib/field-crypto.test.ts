import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCrypto } from './field-crypto';

const crypto = createFieldCrypto({ encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32) });

describe('field crypto', () => {
  it('round-trips, with a fresh IV each time', () => {
    const a = crypto.encrypt('11010519491231002X', 'idNumber');
    const b = crypto.encrypt('11010519491231002X', 'idNumber');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(crypto.decrypt(a, 'idNumber')).toBe('11010519491231002X');
  });

  it('refuses ciphertext moved to another column or tampered with', () => {
    const sealed = crypto.encrypt('13800138000', 'phone');
    expect(() => crypto.decrypt(sealed, 'idNumber')).toThrow();
    const tampered = Uint8Array.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => crypto.decrypt(tampered, 'phone')).toThrow();
  });

  it('gives a stable blind index per purpose, case-insensitive for the X check character', () => {
    expect(crypto.blindIndex('11010519491231002x', 'id-number')).toBe(
      crypto.blindIndex('11010519491231002X', 'id-number'),
    );
    expect(crypto.blindIndex('13800138000', 'phone')).not.toBe(crypto.blindIndex('13800138000', 'id-number'));
  });

  it('masks as the product shows numbers', () => {
    expect(crypto.sealIdNumber('440106198503124519').masked).toBe('4401**********4519');
    expect(crypto.sealPhone('13812341234').masked).toBe('138****1234');
  });
});
