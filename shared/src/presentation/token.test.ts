import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { bytesToDigits, digitsToBytes } from './digits';
import { ed25519Suite, kidOf, sm2Sm3Suite, type SignatureSuite } from './suites';
import { qrTextToToken, tokenToQrText } from './qr-text';
import { checkToken, type TrustedKey } from './verify';
import {
  decodeToken,
  encodeToken,
  fitTokenText,
  TOKEN_MAX_BYTES,
  TOKEN_MAX_TEXT_BYTES,
  TokenFormatError,
  verifyTokenSignature,
  type TokenClaims,
  type TokenFormatReason,
} from './token';
import { createStatusBits, setStatusBits, getStatusBits, statusListValueOf } from './status-list';

const sm2Private = hexToBytes('3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8');
const sm2Public = sm2Sm3Suite.getPublicKey(sm2Private);
const edPrivate = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const edPublic = ed25519Suite.getPublicKey(edPrivate);
const sm2Kid = kidOf(sm2Sm3Suite, sm2Public);
const edKid = kidOf(ed25519Suite, edPublic);
const keys: TrustedKey[] = [
  { kid: sm2Kid, alg: 'SM2-SM3', publicKey: sm2Public, verifyUntil: null },
  { kid: edKid, alg: 'Ed25519', publicKey: edPublic, verifyUntil: null },
];

const T0 = Date.parse('2026-11-27T02:00:00Z') / 1000;
const claims: TokenClaims = {
  alg: 'SM2-SM3',
  kid: sm2Kid,
  certificateId: '0192f6a8-7b3c-7def-8a12-3456789abcde',
  typeCode: 'D071',
  status: 'VALID',
  epoch: 3,
  statusIndex: 98_765,
  notBefore: T0,
  notAfter: T0 + 60,
  validUntil: '2031-06-30',
  holderNameMasked: '欧阳**',
  numberMasked: '4401**********8910',
};

const signWith = (privateKey: Uint8Array) => (body: Uint8Array, suite: SignatureSuite) => suite.sign(body, privateKey);
const sm2Token = (c: Partial<TokenClaims> = {}) => encodeToken({ ...claims, ...c }, signWith(sm2Private));
const reasonOf = (fn: () => unknown): TokenFormatReason | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof TokenFormatError) return e.reason;
    throw e;
  }
};

describe('token codec', () => {
  it('round-trips every claim (SM2) and the signature verifies', () => {
    const bytes = sm2Token();
    const decoded = decodeToken(bytes);
    expect(decoded.claims).toEqual(claims);
    expect(decoded.signature).toHaveLength(64);
    expect(bytes.length).toBe(38 + 1 + utf8ToBytes('欧阳**').length + 1 + 18 + 64);
    expect(verifyTokenSignature(decoded, sm2Public)).toBe(true);
  });

  it('round-trips with Ed25519 and a 长期 certificate', () => {
    const bytes = encodeToken({ ...claims, alg: 'Ed25519', kid: edKid, validUntil: null }, signWith(edPrivate));
    const decoded = decodeToken(bytes);
    expect(decoded.claims.alg).toBe('Ed25519');
    expect(decoded.claims.validUntil).toBeNull();
    expect(verifyTokenSignature(decoded, edPublic)).toBe(true);
  });

  it('rejects bad bytes with a distinct reason each', () => {
    const good = sm2Token();
    expect(reasonOf(() => decodeToken(new Uint8Array()))).toBe('EMPTY');
    expect(reasonOf(() => decodeToken(Uint8Array.from([2, ...good.subarray(1)])))).toBe('UNKNOWN_VERSION');
    expect(reasonOf(() => decodeToken(Uint8Array.from([1, 9, ...good.subarray(2)])))).toBe('UNKNOWN_ALG');
    expect(reasonOf(() => decodeToken(good.subarray(0, 20)))).toBe('TRUNCATED');
    expect(reasonOf(() => decodeToken(good.subarray(0, good.length - 1)))).toBe('TRUNCATED');
    expect(reasonOf(() => decodeToken(Uint8Array.from([...good, 0])))).toBe('TRAILING_BYTES');
    const badName = good.slice();
    badName[39] = 0xff; // first byte of the name: not UTF-8
    expect(reasonOf(() => decodeToken(badName))).toBe('BAD_TEXT');
    const badStatus = good.slice();
    badStatus[24] = 99;
    expect(reasonOf(() => decodeToken(badStatus))).toBe('BAD_STATUS');
    const badType = good.slice();
    badType[22] = 0xff;
    expect(reasonOf(() => decodeToken(badType))).toBe('BAD_TYPE_CODE');
    const zeroWindow = good.slice();
    zeroWindow[34] = 0;
    zeroWindow[35] = 0;
    expect(reasonOf(() => decodeToken(zeroWindow))).toBe('BAD_WINDOW');
    const longLength = good.slice();
    longLength[38] = 200; // name length beyond the token
    expect(reasonOf(() => decodeToken(longLength))).toBe('TRUNCATED');
  });

  it('refuses claims that cannot be encoded', () => {
    expect(
      reasonOf(() => sm2Token({ holderNameMasked: '某'.repeat(30), numberMasked: '粤交运管许可穗字440100151081号' })),
    ).toBe('TOO_LONG');
    expect(reasonOf(() => sm2Token({ typeCode: 'd071' }))).toBe('BAD_TYPE_CODE');
    expect(reasonOf(() => sm2Token({ notAfter: T0 }))).toBe('BAD_WINDOW');
  });

  it('fitTokenText shortens a long operator name and keeps the number whole', () => {
    const number = '粤交运管许可穗字440100151081号';
    const fitted = fitTokenText('新疆维吾尔自治区乌鲁木齐市天山区丝路国际物流运输有限责任公司', number);
    expect(fitted.numberMasked).toBe(number);
    expect(fitted.holderNameMasked.endsWith('…')).toBe(true);
    expect(utf8ToBytes(fitted.holderNameMasked + fitted.numberMasked).length).toBeLessThanOrEqual(TOKEN_MAX_TEXT_BYTES);
    expect(fitTokenText('张*', '4401**********8910')).toEqual({
      holderNameMasked: '张*',
      numberMasked: '4401**********8910',
    });
    const bytes = sm2Token(fitted);
    expect(bytes.length).toBeLessThanOrEqual(TOKEN_MAX_BYTES);
  });
});

describe('digits', () => {
  it('round-trips every length 0..30 and rejects impossible digit strings', () => {
    for (let n = 0; n <= 30; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 255) & 0xff);
      const digits = bytesToDigits(bytes);
      expect(digitsToBytes(digits)).toEqual(bytes);
    }
    expect(bytesToDigits(Uint8Array.from([0xff]))).toBe('255');
    expect(digitsToBytes('256')).toBeNull(); // one byte cannot hold 256
    expect(digitsToBytes('1234')).toBeNull(); // no length maps to 4 digits
    expect(digitsToBytes('12a')).toBeNull();
  });

  it('digitsToBytes agrees with a BigInt reference on group bounds and random digit strings', () => {
    // The reference: each group's digits as a BigInt, in range, as big-endian bytes.
    const reference = (digits: string): Uint8Array | null => {
      const tails = [0, 3, 5, 8, 10, 13, 15];
      if (!/^\d*$/.test(digits) || !tails.includes(digits.length % 17)) return null;
      const out: number[] = [];
      for (let d = 0; d < digits.length;) {
        const width = digits.length - d >= 17 ? 17 : digits.length - d;
        const n = width === 17 ? 7 : tails.indexOf(width);
        let value = BigInt(digits.slice(d, d + width));
        if (value >> BigInt(8 * n) !== 0n) return null;
        const bytes: number[] = [];
        for (let k = 0; k < n; k++, value >>= 8n) bytes.unshift(Number(value & 0xffn));
        out.push(...bytes);
        d += width;
      }
      return Uint8Array.from(out);
    };
    const cases = [
      '72057594037927935', // 2^56 − 1: the largest full group
      '72057594037927936', // 2^56: out of range
      '99999999999999999',
      '00000000000000000',
      '281474976710655', // 2^48 − 1 in a 6-byte tail
      '281474976710656',
      '72057594037927935' + '255',
      '72057594037927935' + '256',
      '1234567890123456x',
      'x2345678901234567',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const length = Math.floor(random() * 60);
      cases.push(Array.from({ length }, () => (random() < 0.5 ? '9' : String(Math.floor(random() * 10)))).join(''));
    }
    for (const digits of cases) expect([digits, digitsToBytes(digits)]).toEqual([digits, reference(digits)]);
  });
});

describe('checkToken (offline rules)', () => {
  const now = (T0 + 10) * 1000;
  const check = (bytes: Uint8Array, at = now, extra: Partial<Parameters<typeof checkToken>[1]> = {}) =>
    checkToken(bytes, { keys, now: at, skewSeconds: 90, ...extra });

  it('VALID inside the window, with the claims', () => {
    const result = check(sm2Token());
    expect(result.verdict).toBe('VALID');
    expect(result.claims?.numberMasked).toBe('4401**********8910');
  });

  it('INVALID for every flipped bit of the signed part and of the signature (sampled)', () => {
    const good = sm2Token();
    for (let bit = 0; bit < good.length * 8; bit += 13) {
      const bad = good.slice();
      bad[bit >> 3] = bad[bit >> 3]! ^ (1 << (bit & 7));
      const verdict = check(bad).verdict;
      // A flip in the kid makes the key unknown; a flip in the alg byte makes the alg unknown or wrong.
      expect(['INVALID', 'UNKNOWN_KEY']).toContain(verdict);
      expect(verdict).not.toBe('VALID');
    }
  });

  it('UNKNOWN_KEY for a kid not in the list', () => {
    expect(check(sm2Token({ kid: '00000000' })).verdict).toBe('UNKNOWN_KEY');
  });

  it('INVALID when the alg differs from the key’s (an SM2 kid on an Ed25519 token)', () => {
    const forged = encodeToken({ ...claims, alg: 'Ed25519', kid: sm2Kid }, signWith(edPrivate));
    const result = check(forged);
    expect(result.verdict).toBe('INVALID');
    expect(result.reason).toContain('算法');
  });

  it('INVALID for an unknown alg byte, with the format reason', () => {
    const good = sm2Token();
    const bad = good.slice();
    bad[1] = 7;
    expect(check(bad)).toMatchObject({ verdict: 'INVALID', formatError: 'UNKNOWN_ALG' });
    expect(check(good.subarray(0, 50))).toMatchObject({ verdict: 'INVALID', formatError: 'TRUNCATED' });
  });

  it('TOKEN_EXPIRED after notAfter + skew, still VALID within the skew', () => {
    expect(check(sm2Token(), (T0 + 60 + 89) * 1000).verdict).toBe('VALID');
    expect(check(sm2Token(), (T0 + 60 + 91) * 1000).verdict).toBe('TOKEN_EXPIRED');
  });

  it('NOT_YET_VALID (请检查手机时间) before notBefore − skew', () => {
    const result = check(sm2Token(), (T0 - 91) * 1000);
    expect(result.verdict).toBe('NOT_YET_VALID');
    expect(result.reason).toContain('请检查手机时间');
    expect(check(sm2Token(), (T0 - 89) * 1000).verdict).toBe('VALID');
  });

  it('NOT_VALID past the certificate validity end (Beijing date)', () => {
    const result = check(sm2Token({ validUntil: '2026-11-26' }));
    expect(result.verdict).toBe('NOT_VALID');
  });

  it('NOT_VALID when the cached status list marks the index', () => {
    const bits = createStatusBits(131_072);
    setStatusBits(bits, claims.statusIndex, statusListValueOf('REVOKED'));
    const result = check(sm2Token(), now, { statusAt: (i) => getStatusBits(bits, i) });
    expect(result.verdict).toBe('NOT_VALID');
    expect(result.reason).toContain('吊销');
    setStatusBits(bits, claims.statusIndex, statusListValueOf('SUSPENDED'));
    expect(check(sm2Token(), now, { statusAt: (i) => getStatusBits(bits, i) }).reason).toContain('暂扣');
    setStatusBits(bits, claims.statusIndex, statusListValueOf('VALID'));
    expect(check(sm2Token(), now, { statusAt: (i) => getStatusBits(bits, i) }).verdict).toBe('VALID');
  });

  it('UNKNOWN_KEY once a retired key is past its verifyUntil', () => {
    const retired = keys.map((k) => ({ ...k, verifyUntil: now - 1 }));
    expect(checkToken(sm2Token(), { keys: retired, now }).verdict).toBe('UNKNOWN_KEY');
  });
});

describe('QR text', () => {
  it('is the base URL, /v/ and the digits; any of URL, path or digits decodes', () => {
    const bytes = sm2Token();
    const text = tokenToQrText('https://roadcert.jtt.example.gov.cn/', bytes);
    expect(text).toMatch(/^https:\/\/roadcert\.jtt\.example\.gov\.cn\/v\/\d+$/);
    expect(qrTextToToken(text)).toEqual(bytes);
    expect(qrTextToToken(`${text}?from=wechat`)).toEqual(bytes);
    expect(qrTextToToken(text.slice(text.indexOf('/v/') + 3))).toEqual(bytes);
    expect(reasonOf(() => qrTextToToken('https://example.com/v/abc'))).toBe('NOT_DIGITS');
    expect(reasonOf(() => qrTextToToken('https://example.com/v/'))).toBe('EMPTY');
  });
});

describe('offline flow: key list and signed status list', () => {
  it('a verifier trusts the published keys, checks the list signature, inflates it and finds the revocation', async () => {
    const { gzipSync, gunzipSync } = await import('node:zlib');
    const { base64urlDecode, base64urlEncode } = await import('./base64url');
    const { statusListSigningInput } = await import('./status-list');
    const { trustedKeysFromList, verifyStatusListSignature } = await import('./verify');
    const keyList = {
      issuer: 'https://roadcert.jtt.example.gov.cn',
      ttlSeconds: 3600,
      clockSkewSeconds: 90,
      keys: [
        {
          kid: sm2Kid,
          alg: 'SM2-SM3' as const,
          publicKey: Buffer.from(sm2Public).toString('hex'),
          userId: '1234567812345678',
          notBefore: '2026-01-01T00:00:00.000Z',
          retiredAt: null,
          verifyUntil: null,
        },
      ],
    };
    const trusted = trustedKeysFromList(keyList);
    const bits = createStatusBits(131_072);
    setStatusBits(bits, claims.statusIndex, statusListValueOf('REVOKED'));
    const unsigned = {
      issuedAt: '2026-11-27T02:00:00.000Z',
      ttlSeconds: 300,
      size: 131_072,
      bitsPerEntry: 2 as const,
      encodedList: base64urlEncode(gzipSync(bits)),
      kid: sm2Kid,
      alg: 'SM2-SM3' as const,
    };
    const list = {
      ...unsigned,
      signature: Buffer.from(sm2Sm3Suite.sign(statusListSigningInput(unsigned), sm2Private)).toString('hex'),
    };
    expect(list.encodedList.length).toBeLessThan(400); // 32 KB of mostly zeros
    expect(verifyStatusListSignature(list, trusted)).toBe(true);
    expect(verifyStatusListSignature({ ...list, issuedAt: '2026-11-28T02:00:00.000Z' }, trusted)).toBe(false);
    const inflated = new Uint8Array(gunzipSync(base64urlDecode(list.encodedList)!));
    const result = checkToken(sm2Token(), {
      keys: trusted,
      now: (T0 + 5) * 1000,
      statusAt: (i) => getStatusBits(inflated, i),
    });
    expect(result).toMatchObject({ verdict: 'NOT_VALID' });
  });
});
