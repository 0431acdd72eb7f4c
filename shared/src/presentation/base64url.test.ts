import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode } from './base64url';

/** base64url without padding (RFC 4648 §5): the status list's wire form. */
describe('base64url', () => {
  // RFC 4648 §10 test vectors, without the padding.
  const vectors = [
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ] as const;

  it.each(vectors)('encodes %j as %j and back', (text, encoded) => {
    expect(base64urlEncode(utf8ToBytes(text))).toBe(encoded);
    expect(base64urlDecode(encoded)).toEqual(utf8ToBytes(text));
  });

  it('uses - and _ for 62 and 63, and every character of the alphabet', () => {
    expect(base64urlEncode(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(base64urlEncode(Uint8Array.from([0xff]))).toBe('_w');
    expect(base64urlEncode(Uint8Array.from([0x01, 0x02, 0x03]))).toBe('AQID');
    const all = Uint8Array.from({ length: 48 }, (_, i) => [0x00, 0x10, 0x83, 0x10, 0x51, 0x87][i % 6]! + (i >> 3));
    expect(base64urlDecode(base64urlEncode(all))).toEqual(all);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    expect(base64urlEncode(base64urlDecode(alphabet)!)).toBe(alphabet);
  });

  it('decodes to exactly the bytes, for every length mod 4', () => {
    expect(base64urlDecode('AQID')).toEqual(Uint8Array.from([1, 2, 3]));
    expect(base64urlDecode('AQIDBA')).toEqual(Uint8Array.from([1, 2, 3, 4]));
    expect(base64urlDecode('AQIDBAU')).toEqual(Uint8Array.from([1, 2, 3, 4, 5]));
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 89 + 7) & 0xff);
      expect(base64urlDecode(base64urlEncode(bytes))).toEqual(bytes);
    }
  });

  it('returns null for an impossible length or any character outside the alphabet', () => {
    for (const text of ['A', 'AAAAA', 'AQID=', 'ab+/', 'ab/c', 'AQ ID', 'AQIé', 'AQI\u0080', 'AQI\u00ff', 'AQI\u0100'])
      expect(base64urlDecode(text)).toBeNull();
  });
});
