import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { bytesToDigits, digitsToBytes } from './digits';
import { ed25519Suite, kidOf, sm2Sm3Suite, type SignatureSuite } from './suites';
import { qrTextToToken, tokenToQrText } from './qr-text';
import { checkToken, type TrustedKey } from './verify';
import {
  decodeToken,
  encodeToken,
  encodeTokenBody,
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
    expect(reasonOf(() => decodeToken(Uint8Array.from([3, ...good.subarray(1)])))).toBe('UNKNOWN_VERSION');
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

/** The encoder's and decoder's limits, stated one by one (each was a surviving mutant, issue 12). */
describe('token limits', () => {
  const edClaims: TokenClaims = { ...claims, alg: 'Ed25519', kid: edKid };
  const edToken = (c: Partial<TokenClaims> = {}) => encodeToken({ ...edClaims, ...c }, signWith(edPrivate));
  const roundTrip = (c: Partial<TokenClaims>) => decodeToken(edToken(c)).claims;

  it('lays the fixed part out byte by byte as documented', () => {
    const body = encodeTokenBody({
      ...edClaims,
      kid: '0a1b2c3d',
      typeCode: 'Z999',
      status: 'SUSPENDED',
      epoch: 0x1234,
      statusIndex: 0xabcdef,
      notBefore: 0x01020304,
      notAfter: 0x01020304 + 0x0506,
      validUntil: '1970-01-02',
      holderNameMasked: 'ab',
      numberMasked: 'c',
    });
    expect(bytesToHex(body)).toBe(
      '01' + // version
        '02' + // alg: Ed25519
        '0a1b2c3d' + // kid
        '0192f6a87b3c7def8a123456789abcde' + // certificate id
        '6977' + // Z999 = 26 × 1000 + 999
        '06' + // 暂扣
        '1234' + // epoch
        'abcdef' + // status index
        '01020304' + // notBefore
        '0506' + // window
        '0001' + // validity end: day 1
        '026162' + // name
        '0163', // number
    );
    expect(bytesToHex(encodeTokenBody({ ...edClaims, alg: 'SM2-SM3' })).slice(0, 4)).toBe('0101');
    expect(bytesToHex(encodeTokenBody({ ...edClaims, typeCode: 'A000', validUntil: null })).slice(44, 46 + 2)).toBe(
      '03e8',
    );
    expect(bytesToHex(encodeTokenBody({ ...edClaims, validUntil: null })).slice(72, 76)).toBe('ffff');
  });

  it('round-trips the extreme values of every field', () => {
    const low = {
      typeCode: 'A000',
      epoch: 0,
      statusIndex: 0,
      notBefore: 0,
      notAfter: 1,
      validUntil: '1970-01-01',
      holderNameMasked: '',
      numberMasked: '',
    };
    expect(roundTrip(low)).toMatchObject(low);
    const high = {
      typeCode: 'Z999',
      epoch: 0xffff,
      statusIndex: 0xffffff,
      notBefore: 0xffffffff - 0xffff,
      notAfter: 0xffffffff,
      validUntil: new Date((0xffff - 1) * 86_400_000).toISOString().slice(0, 10),
    };
    expect(roundTrip(high)).toMatchObject(high);
    expect(roundTrip({ notBefore: 0xffffffff, notAfter: 0xffffffff + 1 })).toMatchObject({ notBefore: 0xffffffff });
    for (const status of ['VALID', 'REPLACED', 'EXPIRED', 'CANCELLED', 'ANNULLED', 'REVOKED', 'SUSPENDED'] as const)
      expect(roundTrip({ status }).status).toBe(status);
  });

  it.each<[string, Partial<TokenClaims>, TokenFormatReason]>([
    ['notBefore < 0', { notBefore: -1, notAfter: 59 }, 'BAD_WINDOW'],
    ['notBefore beyond 32 bits', { notBefore: 0x100000000, notAfter: 0x100000000 + 60 }, 'BAD_WINDOW'],
    ['a fractional notBefore', { notBefore: T0 + 0.5, notAfter: T0 + 60.5 }, 'BAD_WINDOW'],
    ['a fractional window', { notAfter: T0 + 60.5 }, 'BAD_WINDOW'],
    ['a negative window', { notAfter: T0 - 1 }, 'BAD_WINDOW'],
    ['a window beyond 16 bits', { notAfter: T0 + 0x10000 }, 'BAD_WINDOW'],
    ['epoch < 0', { epoch: -1 }, 'BAD_TEXT'],
    ['epoch beyond 16 bits', { epoch: 0x10000 }, 'BAD_TEXT'],
    ['a fractional epoch', { epoch: 1.5 }, 'BAD_TEXT'],
    ['statusIndex < 0', { statusIndex: -1 }, 'BAD_TEXT'],
    ['statusIndex beyond 24 bits', { statusIndex: 0x1000000 }, 'BAD_TEXT'],
    ['a fractional statusIndex', { statusIndex: 2.5 }, 'BAD_TEXT'],
    ['a kid of 7 hex digits', { kid: '0a1b2c3' }, 'BAD_TEXT'],
    ['a kid of 9 hex digits', { kid: '0a1b2c3d4' }, 'BAD_TEXT'],
    ['an upper-case kid', { kid: '0A1B2C3D' }, 'BAD_TEXT'],
    ['a certificate id that is no UUID', { certificateId: '0192f6a8-7b3c-7def-8a12-3456789abcd' }, 'BAD_TEXT'],
    [
      'a certificate id with a foreign character',
      { certificateId: 'x192f6a8-7b3c-7def-8a12-3456789abcde' },
      'BAD_TEXT',
    ],
    ['a certificate id of 33 hex digits', { certificateId: '0192f6a8-7b3c-7def-8a12-3456789abcdef' }, 'BAD_TEXT'],
    [
      'a certificate id after a foreign character',
      { certificateId: 'x0192f6a8-7b3c-7def-8a12-3456789abcde' },
      'BAD_TEXT',
    ],
    ['a validity end with an expanded year', { validUntil: '+002026-11-27' }, 'BAD_TEXT'],
    ['a type code of 4 digits', { typeCode: 'D0711' }, 'BAD_TYPE_CODE'],
    ['a type code with a letter in front', { typeCode: 'DD071' }, 'BAD_TYPE_CODE'],
    ['a validity end before 1970', { validUntil: '1969-12-31' }, 'BAD_TEXT'],
    ['a validity end of day FFFF or later', { validUntil: '2149-06-06' }, 'BAD_TEXT'],
    ['a validity end that is no date', { validUntil: '2026-13-01' }, 'BAD_TEXT'],
    ['a validity end with a time', { validUntil: '2026-11-27T00:00' }, 'BAD_TEXT'],
    ['a validity end with a short year', { validUntil: '226-11-27' }, 'BAD_TEXT'],
    ['an unknown alg', { alg: 'RSA' as 'Ed25519' }, 'UNKNOWN_ALG'],
  ])('refuses to encode %s', (_label, c, reason) => {
    expect(reasonOf(() => encodeTokenBody({ ...edClaims, ...c }))).toBe(reason);
  });

  it('takes any UUID spelling: upper case, with or without dashes', () => {
    const id = '0192F6A8-7B3C-7DEF-8A12-3456789ABCDE';
    expect(roundTrip({ certificateId: id }).certificateId).toBe(claims.certificateId);
    expect(roundTrip({ certificateId: id.replace(/-/g, '') }).certificateId).toBe(claims.certificateId);
  });

  it('TOO_LONG: name + number up to TOKEN_MAX_TEXT_BYTES, each at most 255 bytes', () => {
    expect(TOKEN_MAX_TEXT_BYTES).toBe(171 - 38 - 2 - 64);
    const fits = { holderNameMasked: 'a'.repeat(TOKEN_MAX_TEXT_BYTES - 10), numberMasked: 'b'.repeat(10) };
    expect(edToken(fits)).toHaveLength(TOKEN_MAX_BYTES);
    expect(reasonOf(() => edToken({ ...fits, numberMasked: 'b'.repeat(11) }))).toBe('TOO_LONG');
    expect(reasonOf(() => edToken({ holderNameMasked: 'a'.repeat(256), numberMasked: '' }))).toBe('TOO_LONG');
    expect(reasonOf(() => edToken({ holderNameMasked: '', numberMasked: 'b'.repeat(256) }))).toBe('TOO_LONG');
    expect(reasonOf(() => edToken({ holderNameMasked: '', numberMasked: 'b'.repeat(TOKEN_MAX_TEXT_BYTES + 1) }))).toBe(
      'TOO_LONG',
    );
  });

  it('TOO_LONG when decoding bytes whose name + number exceed the budget, even with a signature', () => {
    const name = 'a'.repeat(TOKEN_MAX_TEXT_BYTES);
    const body = encodeTokenBody({ ...edClaims, holderNameMasked: name.slice(0, -1), numberMasked: 'b' });
    const over = new Uint8Array(body.length + 1 + 64);
    over.set(body.subarray(0, 38));
    over[38] = TOKEN_MAX_TEXT_BYTES;
    over.set(utf8ToBytes(name), 39);
    over[39 + TOKEN_MAX_TEXT_BYTES] = 1;
    over[40 + TOKEN_MAX_TEXT_BYTES] = 0x62;
    expect(reasonOf(() => decodeToken(over))).toBe('TOO_LONG');
    expect(decodeToken(edToken({ holderNameMasked: name.slice(0, -1), numberMasked: 'b' })).claims.numberMasked).toBe(
      'b',
    );
  });

  it('insists on a signature of the suite’s length', () => {
    const sized = (n: number) => () => encodeToken(edClaims, () => new Uint8Array(n));
    expect(sized(64)).not.toThrow();
    expect(sized(63)).toThrow(/64 bytes/);
    expect(sized(65)).toThrow(/64 bytes/);
    const bytes = encodeToken(edClaims, () => new Uint8Array(64).fill(7));
    expect(bytes.subarray(-64)).toEqual(new Uint8Array(64).fill(7));
    expect(bytes.subarray(0, -64)).toEqual(encodeTokenBody(edClaims));
  });

  it('decodes only type codes A000..Z999 and the known statuses', () => {
    const good = edToken();
    const withType = (n: number) => {
      const b = good.slice();
      b[22] = n >> 8;
      b[23] = n & 0xff;
      return b;
    };
    expect(reasonOf(() => decodeToken(withType(999)))).toBe('BAD_TYPE_CODE');
    expect(decodeToken(withType(1000)).claims.typeCode).toBe('A000');
    expect(decodeToken(withType(26_999)).claims.typeCode).toBe('Z999');
    expect(reasonOf(() => decodeToken(withType(27_000)))).toBe('BAD_TYPE_CODE');
    const withStatus = (code: number) => {
      const b = good.slice();
      b[24] = code;
      return b;
    };
    expect(decodeToken(withStatus(10)).claims.status).toBe('VALID');
    expect(decodeToken(withStatus(6)).claims.status).toBe('SUSPENDED');
    for (const code of [0, 7, 9, 11]) expect(reasonOf(() => decodeToken(withStatus(code)))).toBe('BAD_STATUS');
  });

  it('decodes every truncation to a reason, never to claims', () => {
    const good = edToken();
    for (let n = 1; n < good.length; n++) {
      expect(['TRUNCATED', 'UNKNOWN_ALG']).toContain(reasonOf(() => decodeToken(good.subarray(0, n))));
    }
    expect(reasonOf(() => decodeToken(good.subarray(0, 1)))).toBe('TRUNCATED');
    expect(reasonOf(() => decodeToken(good.subarray(0, 38)))).toBe('TRUNCATED');
    expect(reasonOf(() => decodeToken(good.subarray(0, 39)))).toBe('TRUNCATED');
  });

  it('rejects text that is not strict UTF-8 in the name or the number', () => {
    const good = edToken({ holderNameMasked: 'ab', numberMasked: 'cd' });
    for (const [at, byte] of [
      [39, 0xc0], // overlong lead byte
      [40, 0x80], // lone continuation byte
      [42, 0xff], // number: not UTF-8
      [43, 0xed], // number: truncated sequence
    ] as const) {
      const bad = good.slice();
      bad[at] = byte;
      expect(reasonOf(() => decodeToken(bad))).toBe('BAD_TEXT');
    }
    expect(decodeToken(edToken({ holderNameMasked: '欧阳**' })).claims.holderNameMasked).toBe('欧阳**');
  });

  it('returns the signed bytes and the signature as the token splits them', () => {
    const bytes = edToken();
    const decoded = decodeToken(bytes);
    expect(decoded.version).toBe(1);
    expect(decoded.signedBytes).toEqual(bytes.subarray(0, bytes.length - 64));
    expect(decoded.signature).toEqual(bytes.subarray(bytes.length - 64));
    expect(verifyTokenSignature(decoded, edPublic)).toBe(true);
    expect(verifyTokenSignature(decoded, sm2Public)).toBe(false);
  });
});

describe('token text and errors', () => {
  const edToken = (c: Partial<TokenClaims> = {}) =>
    encodeToken({ ...claims, alg: 'Ed25519', kid: edKid, ...c }, signWith(edPrivate));

  it('round-trips any text, control characters and 4-byte characters included', () => {
    for (const text of ['\t\n\u0001', '𠀀*', 'Ab-9 ·…']) {
      expect(decodeToken(edToken({ holderNameMasked: text, numberMasked: text })).claims).toMatchObject({
        holderNameMasked: text,
        numberMasked: text,
      });
    }
  });

  it('TokenFormatError carries its reason, its name and the reason in its message', () => {
    const error = new TokenFormatError('EMPTY', 'no bytes');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TokenFormatError');
    expect(error.reason).toBe('EMPTY');
    expect(error.message).toBe('EMPTY: no bytes');
  });
});

describe('fitTokenText', () => {
  const numberFor = (room: number) => 'n'.repeat(TOKEN_MAX_TEXT_BYTES - room);

  it('keeps a name that fits exactly', () => {
    expect(fitTokenText('一二三', numberFor(9))).toEqual({ holderNameMasked: '一二三', numberMasked: numberFor(9) });
  });

  it('cuts whole characters until name and … fit exactly', () => {
    expect(fitTokenText('一二三四五', numberFor(9)).holderNameMasked).toBe('一二…');
    expect(fitTokenText('一二三四五', numberFor(10)).holderNameMasked).toBe('一二…');
    expect(fitTokenText('一二三四五', numberFor(8)).holderNameMasked).toBe('一…');
    expect(fitTokenText('abcdef', numberFor(5)).holderNameMasked).toBe('ab…');
  });

  it('ends with … alone when there is no room for a character', () => {
    expect(fitTokenText('一二', numberFor(3)).holderNameMasked).toBe('…');
    expect(fitTokenText('一二', numberFor(1)).holderNameMasked).toBe('…');
  });
});
