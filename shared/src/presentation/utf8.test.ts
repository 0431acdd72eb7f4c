import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from './utf8';

const viaTextEncoder = (text: string) => Array.from(new TextEncoder().encode(text));

describe('encodeUtf8 (no TextEncoder on the phone)', () => {
  it('gives TextEncoder’s bytes at every length boundary', () => {
    const cases = [
      '',
      'A',
      '\u007f', // last 1-byte
      '\u0080', // first 2-byte
      '\u07ff', // last 2-byte
      '\u0800', // first 3-byte
      '王*',
      '4401**********3532',
      '阿卜杜热合曼·买买提·艾力',
      '\ud7ff', // last before the surrogates
      '\ue000', // first after them
      '\uffff', // last 3-byte
      '\ud800\udc00', // U+10000, first 4-byte
      '\udbff\udfff', // U+10FFFF, last
      '𠮷野家', // a CJK Extension B name character
    ];
    for (const text of cases) expect(Array.from(encodeUtf8(text)), text).toEqual(viaTextEncoder(text));
  });

  it('turns a lone surrogate into U+FFFD as TextEncoder does', () => {
    for (const text of ['\ud800', 'a\ud83d', '\udc00b', '\ud83d\ud83d\ude00', '\ude00\ud83d', '\udbff\ue000'])
      expect(Array.from(encodeUtf8(text)), JSON.stringify(text)).toEqual(viaTextEncoder(text));
  });

  it('agrees with TextEncoder on random text of every plane', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 500; round++) {
      const units = Array.from({ length: next() % 12 }, () => {
        const kind = next() % 4;
        return kind === 0
          ? next() % 0x80
          : kind === 1
            ? next() % 0x800
            : kind === 2
              ? next() % 0x10000
              : 0xd800 + (next() % 0x800);
      });
      const text = String.fromCharCode(...units);
      expect(Array.from(encodeUtf8(text))).toEqual(viaTextEncoder(text));
    }
  });

  it('round-trips through decodeUtf8', () => {
    for (const text of ['王*', '𠮷', 'abc', '']) expect(decodeUtf8(encodeUtf8(text))).toBe(text);
  });
});
