import { describe, expect, it } from 'vitest';
import { bytesToDigits, digitsToBytes } from './digits';
import { qrTextToToken, tokenQrSegments, tokenToQrText, VERIFY_PATH_PREFIX } from './qr-text';
import { TokenFormatError } from './token';

const bytes = Uint8Array.from([1, 2, 3, 250, 251, 252, 253, 254, 255]);
const digits = bytesToDigits(bytes);
const reasonOf = (text: string) => {
  try {
    qrTextToToken(text);
    return null;
  } catch (e) {
    return e instanceof TokenFormatError ? e.reason : 'OTHER';
  }
};

describe('QR text', () => {
  it('is the base URL without trailing slashes, /v/ and the digits', () => {
    expect(VERIFY_PATH_PREFIX).toBe('/v/');
    for (const base of ['https://x.example', 'https://x.example/', 'https://x.example//'])
      expect(tokenToQrText(base, bytes)).toBe(`https://x.example/v/${digits}`);
  });

  it('splits into a byte segment up to /v/ and a numeric segment of the digits', () => {
    expect(tokenQrSegments(`https://x.example/v/${digits}`)).toEqual([
      { data: new TextEncoder().encode('https://x.example/v/'), mode: 'byte' },
      { data: digits, mode: 'numeric' },
    ]);
  });

  it('reads the whole URL, the path or the bare digits, trimmed, without query or fragment', () => {
    for (const text of [
      `https://x.example/v/${digits}`,
      `  https://x.example/v/${digits}\n`,
      `/v/${digits}`,
      `/v/${digits}?from=wechat#top`,
      `https://x.example/v/${digits}#top`,
      digits,
      ` ${digits} `,
    ])
      expect(qrTextToToken(text)).toEqual(bytes);
  });

  it('takes the last /v/ and refuses anything but token digits', () => {
    expect(qrTextToToken(`https://x.example/v/1/v/${digits}`)).toEqual(bytes);
    expect(reasonOf('https://x.example/v/')).toBe('EMPTY');
    expect(reasonOf('https://x.example/v/?x=1')).toBe('EMPTY');
    expect(reasonOf('')).toBe('EMPTY');
    expect(reasonOf(`https://x.example/v/${digits}x`)).toBe('NOT_DIGITS');
    expect(reasonOf('https://x.example/v/1234')).toBe('NOT_DIGITS');
  });
});

describe('digits', () => {
  it('rejects characters next to the digits in code order (/ and :)', () => {
    expect(digitsToBytes('00:')).toBeNull();
    expect(digitsToBytes('0/0')).toBeNull();
    expect(digitsToBytes('1/0')).toBeNull();
    expect(digitsToBytes('255')).toEqual(Uint8Array.from([255]));
    expect(digitsToBytes('000')).toEqual(Uint8Array.from([0]));
    expect(digitsToBytes('009')).toEqual(Uint8Array.from([9]));
    expect(digitsToBytes('0000000000000000:')).toBeNull();
  });
});
