import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { certificateStatusList } from '../domain/codes';
import {
  createStatusBits,
  getStatusBits,
  setStatusBits,
  STATUS_LIST_BITS,
  STATUS_LIST_MIN_SIZE,
  statusListReason,
  statusListSigningInput,
  statusListValueOf,
} from './status-list';

/**
 * The status list's wire layout, which the server, the portal and the mini-program must
 * share (docs/presentation-token.md, "Status list"): entry i is bits 2i..2i+1, most
 * significant bit first, four entries a byte.
 */
describe('status list layout', () => {
  it('is 2 bits an entry and at least 131,072 entries', () => {
    expect(STATUS_LIST_BITS).toBe(2);
    expect(STATUS_LIST_MIN_SIZE).toBe(131_072);
    expect(createStatusBits(STATUS_LIST_MIN_SIZE)).toHaveLength(32_768);
    expect(createStatusBits(4)).toEqual(new Uint8Array(1));
    expect(createStatusBits(0)).toHaveLength(0);
  });

  it('reads entries 0..3 of a byte from its most significant bits down', () => {
    const bits = Uint8Array.from([0b00_01_10_11, 0b11_10_01_00]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => getStatusBits(bits, i))).toEqual([0, 1, 2, 3, 3, 2, 1, 0]);
  });

  it('writes every position of a byte, leaving the other three entries alone', () => {
    const expected = [
      [0b11_00_00_00, 0b01_00_00_00, 0b10_00_00_00],
      [0b00_11_00_00, 0b00_01_00_00, 0b00_10_00_00],
      [0b00_00_11_00, 0b00_00_01_00, 0b00_00_10_00],
      [0b00_00_00_11, 0b00_00_00_01, 0b00_00_00_10],
    ];
    for (let position = 0; position < 4; position++) {
      [3, 1, 2].forEach((value, k) => {
        const bits = createStatusBits(8);
        setStatusBits(bits, 4 + position, value);
        expect([bits[0], bits[1]]).toEqual([0, expected[position]![k]]);
        expect(getStatusBits(bits, 4 + position)).toBe(value);
      });
    }
    const full = Uint8Array.from([0xff]);
    setStatusBits(full, 2, 0);
    expect(full[0]).toBe(0b11_11_00_11);
    setStatusBits(full, 2, 1);
    expect(full[0]).toBe(0b11_11_01_11);
  });

  it('keeps only the low 2 bits of a value', () => {
    const bits = createStatusBits(4);
    setStatusBits(bits, 1, 0b111);
    expect(bits[0]).toBe(0b00_11_00_00);
    setStatusBits(bits, 1, 4);
    expect(bits[0]).toBe(0);
  });

  it('agrees with a bit-by-bit reference at indices spread over a full-size list', () => {
    const bits = createStatusBits(STATUS_LIST_MIN_SIZE);
    const indices = [0, 1, 2, 3, 4, 98_765, 65_535, 65_536, STATUS_LIST_MIN_SIZE - 1];
    indices.forEach((i, n) => setStatusBits(bits, i, (n % 3) + 1));
    const bitAt = (k: number) => (bits[Math.floor(k / 8)]! >> (7 - (k % 8))) & 1;
    indices.forEach((i, n) => {
      expect((bitAt(2 * i) << 1) | bitAt(2 * i + 1)).toBe((n % 3) + 1);
      expect(getStatusBits(bits, i)).toBe((n % 3) + 1);
    });
  });

  it('refuses indices outside the list on both ends, reading and writing', () => {
    const bits = createStatusBits(8);
    expect(getStatusBits(bits, 7)).toBe(0);
    for (const index of [-1, -4, 8, 11, 12]) {
      expect(() => getStatusBits(bits, index)).toThrow(RangeError);
      expect(() => setStatusBits(bits, index, 1)).toThrow(RangeError);
    }
    expect(bits).toEqual(new Uint8Array(2));
    setStatusBits(bits, 7, 2);
    expect(bits[1]).toBe(0b10);
  });

  it('takes only whole multiples of 4 as a size', () => {
    for (const size of [1, 2, 3, 6, 4.5, Number.NaN]) expect(() => createStatusBits(size)).toThrow();
  });
});

describe('status list values', () => {
  it('maps the certificate statuses onto 0 有效, 1 吊销/注销/撤销, 2 暂扣, 3 other', () => {
    const values = Object.fromEntries(certificateStatusList.map((s) => [s, statusListValueOf(s)]));
    expect(values).toEqual({ VALID: 0, REPLACED: 3, EXPIRED: 3, CANCELLED: 1, ANNULLED: 1, REVOKED: 1, SUSPENDED: 2 });
  });

  it('gives the offline reason for each value (null: valid)', () => {
    expect(statusListReason(0)).toBeNull();
    expect(statusListReason(1)).toBe('证照已吊销或已注销');
    expect(statusListReason(2)).toBe('证照已暂扣');
    expect(statusListReason(3)).toBe('证照已失效（已过期或已换发）');
  });
});

describe('statusListSigningInput', () => {
  it('is the UTF-8 of the fields on lines, in the documented order', () => {
    const input = statusListSigningInput({
      issuedAt: '2026-11-27T02:00:00.000Z',
      ttlSeconds: 300,
      size: 131_072,
      bitsPerEntry: 2,
      encodedList: 'H4sI',
      kid: '0a1b2c3d',
      alg: 'SM2-SM3',
    });
    expect(input).toEqual(
      utf8ToBytes('roadcert-status-list/1\n2026-11-27T02:00:00.000Z\n300\n131072\n2\n0a1b2c3d\nSM2-SM3\nH4sI'),
    );
  });
});
