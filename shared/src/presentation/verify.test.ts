import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { certificateStatusList, type CertificateStatus } from '../domain/codes';
import {
  createStatusBits,
  getStatusBits,
  setStatusBits,
  statusListSigningInput,
  statusListValueOf,
} from './status-list';
import { ed25519Suite, kidOf, sm2Sm3Suite } from './suites';
import { encodeToken, type TokenClaims } from './token';
import {
  chinaDate,
  checkToken,
  trustedKeysFromList,
  verdictReasons,
  verifyStatusListSignature,
  type TrustedKey,
  type VerifyOptions,
} from './verify';

/**
 * The offline verifier's rules (docs/presentation-token.md, "Verification" and "Offline
 * rules"), one by one; each was a surviving mutant in issue 12. Ed25519 keeps them fast.
 */
const edPrivate = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const edPublic = ed25519Suite.getPublicKey(edPrivate);
const edKid = kidOf(ed25519Suite, edPublic);
const key: TrustedKey = { kid: edKid, alg: 'Ed25519', publicKey: edPublic, verifyUntil: null };

/** 2026-11-27 10:00 Beijing. */
const T0 = Date.parse('2026-11-27T02:00:00Z') / 1000;
const claims: TokenClaims = {
  alg: 'Ed25519',
  kid: edKid,
  certificateId: '0192f6a8-7b3c-7def-8a12-3456789abcde',
  typeCode: 'D071',
  status: 'VALID',
  epoch: 3,
  statusIndex: 5,
  notBefore: T0,
  notAfter: T0 + 60,
  validUntil: '2031-06-30',
  holderNameMasked: '张*',
  numberMasked: '4401**********8910',
};
const token = (c: Partial<TokenClaims> = {}) =>
  encodeToken({ ...claims, ...c }, (body, suite) => suite.sign(body, edPrivate));
const now = (T0 + 10) * 1000;
const check = (bytes: Uint8Array, options: Partial<VerifyOptions> = {}) =>
  checkToken(bytes, { keys: [key], now, ...options });

describe('status at signing', () => {
  const notValid = certificateStatusList.filter((s) => s !== 'VALID');

  it.each(notValid)('a token signed while the certificate was %s is NOT_VALID offline, with its status', (status) => {
    const result = check(token({ status: status as CertificateStatus }));
    expect(result.verdict).toBe('NOT_VALID');
    expect(result.claims?.status).toBe(status);
    expect(result.reason).toMatch(/^证照已/);
  });

  it('names the status in the reason (已吊销, 已暂扣)', () => {
    expect(check(token({ status: 'REVOKED' })).reason).toBe('证照已吊销');
    expect(check(token({ status: 'SUSPENDED' })).reason).toBe('证照已暂扣');
  });
});

describe('key grace (retired keys)', () => {
  const retiredUntil = (verifyUntil: number) => [{ ...key, verifyUntil }];

  it('a retired key verifies up to and including its verifyUntil', () => {
    expect(check(token(), { keys: retiredUntil(now + 60_000) })).toMatchObject({ verdict: 'VALID' });
    expect(check(token(), { keys: retiredUntil(now) })).toMatchObject({ verdict: 'VALID' });
  });

  it('after verifyUntil its tokens are UNKNOWN_KEY with 签发密钥已停用, and keep their claims', () => {
    const result = check(token(), { keys: retiredUntil(now - 1) });
    expect(result).toMatchObject({ verdict: 'UNKNOWN_KEY', reason: verdictReasons.KEY_EXPIRED });
    expect(result.claims?.certificateId).toBe(claims.certificateId);
  });

  it('an unknown kid is UNKNOWN_KEY with the 联网更新 reason and no claims', () => {
    const result = check(token(), { keys: [{ ...key, kid: '00000000' }] });
    expect(result).toEqual({ verdict: 'UNKNOWN_KEY', reason: verdictReasons.UNKNOWN_KEY, claims: null });
  });

  it('checks the key grace only after the signature: a forged token never gets claims', () => {
    const forged = token();
    forged[forged.length - 1] = forged[forged.length - 1]! ^ 1;
    expect(check(forged, { keys: retiredUntil(now - 1) })).toEqual({
      verdict: 'INVALID',
      reason: verdictReasons.INVALID,
      claims: null,
    });
  });

  it('reads verifyUntil from the published key list (null while active)', () => {
    const listed = (verifyUntil: string | null) =>
      trustedKeysFromList({
        issuer: 'https://roadcert.jtt.example.gov.cn',
        ttlSeconds: 3600,
        clockSkewSeconds: 90,
        keys: [
          {
            kid: edKid,
            alg: 'Ed25519',
            publicKey: Buffer.from(edPublic).toString('hex'),
            notBefore: '2026-01-01T00:00:00.000Z',
            retiredAt: verifyUntil && '2026-11-01T00:00:00.000Z',
            verifyUntil,
          },
        ],
      });
    expect(listed(null)).toEqual([key]);
    expect(listed('2026-11-27T02:00:09.000Z')[0]?.verifyUntil).toBe(now - 1000);
    expect(check(token(), { keys: listed('2026-11-27T02:00:09.000Z') }).verdict).toBe('UNKNOWN_KEY');
    expect(check(token(), { keys: listed('2026-11-27T02:00:10.000Z') }).verdict).toBe('VALID');
  });
});

describe('token window', () => {
  it('uses a 90 s skew by default on both ends', () => {
    expect(check(token(), { now: (T0 - 90) * 1000 }).verdict).toBe('VALID');
    expect(check(token(), { now: (T0 - 90) * 1000 - 1 }).verdict).toBe('NOT_YET_VALID');
    expect(check(token(), { now: (T0 + 60 + 90) * 1000 }).verdict).toBe('VALID');
    expect(check(token(), { now: (T0 + 60 + 90) * 1000 + 1 }).verdict).toBe('TOKEN_EXPIRED');
  });

  it('takes another skew in seconds, and 0 for none', () => {
    expect(check(token(), { now: T0 * 1000 - 1, skewSeconds: 0 }).verdict).toBe('NOT_YET_VALID');
    expect(check(token(), { now: T0 * 1000, skewSeconds: 0 }).verdict).toBe('VALID');
    expect(check(token(), { now: (T0 + 60) * 1000 + 1, skewSeconds: 0 }).verdict).toBe('TOKEN_EXPIRED');
    expect(check(token(), { now: (T0 - 30) * 1000, skewSeconds: 30 }).verdict).toBe('VALID');
  });

  it('gives the reasons people read', () => {
    expect(check(token(), { now: (T0 - 91) * 1000 }).reason).toBe(verdictReasons.NOT_YET_VALID);
    expect(check(token(), { now: (T0 + 151) * 1000 }).reason).toBe(verdictReasons.TOKEN_EXPIRED);
    expect(check(token()).reason).toBe(verdictReasons.VALID);
  });
});

describe('validity end (Beijing calendar day)', () => {
  // Tokens minted in the last minutes of 2026-11-27, Beijing time (UTC+8).
  const lateT0 = Date.parse('2026-11-27T15:58:00Z') / 1000;
  const late = (validUntil: string | null) => token({ notBefore: lateT0, notAfter: lateT0 + 300, validUntil });
  const at = (iso: string) => ({ now: Date.parse(iso) });

  it('the last day is valid until 24:00 Beijing time, 16:00 UTC', () => {
    expect(check(late('2026-11-27'), at('2026-11-27T15:59:59.999Z')).verdict).toBe('VALID');
    expect(check(late('2026-11-27'), at('2026-11-27T16:00:00Z'))).toMatchObject({
      verdict: 'NOT_VALID',
      reason: verdictReasons.CERTIFICATE_EXPIRED,
    });
    expect(check(late('2026-11-28'), at('2026-11-27T16:00:00Z')).verdict).toBe('VALID');
  });

  it('长期 (no end) never expires', () => {
    expect(check(late(null), at('2026-11-27T16:00:00Z')).verdict).toBe('VALID');
  });

  it('chinaDate is the calendar day in UTC+8', () => {
    expect(chinaDate(Date.parse('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(chinaDate(Date.parse('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(chinaDate(Date.parse('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
  });
});

describe('offline status list', () => {
  const bits = createStatusBits(16);
  const statusAt = (i: number) => getStatusBits(bits, i);

  it('answers NOT_VALID for each not-valid value, with its reason', () => {
    for (const [status, reason] of [
      ['REVOKED', '证照已吊销或已注销'],
      ['SUSPENDED', '证照已暂扣'],
      ['EXPIRED', '证照已失效（已过期或已换发）'],
    ] as const) {
      setStatusBits(bits, claims.statusIndex, statusListValueOf(status));
      expect(check(token(), { statusAt })).toMatchObject({ verdict: 'NOT_VALID', reason });
    }
    setStatusBits(bits, claims.statusIndex, statusListValueOf('VALID'));
    expect(check(token(), { statusAt }).verdict).toBe('VALID');
  });

  it('reads the token’s own index', () => {
    setStatusBits(bits, claims.statusIndex + 1, statusListValueOf('REVOKED'));
    expect(check(token(), { statusAt }).verdict).toBe('VALID');
    expect(check(token({ statusIndex: claims.statusIndex + 1 }), { statusAt }).verdict).toBe('NOT_VALID');
  });

  it('answers for an index beyond the cached list (a newer certificate) instead of throwing', () => {
    expect(() => getStatusBits(bits, 16)).toThrow(RangeError);
    expect(check(token({ statusIndex: 16 }), { statusAt }).verdict).toBe('VALID');
    expect(check(token({ statusIndex: 1_000_000 }), { statusAt }).verdict).toBe('VALID');
    expect(check(token({ statusIndex: 7 }), { statusAt: () => undefined }).verdict).toBe('VALID');
  });

  it('does not swallow other errors of the lookup', () => {
    const broken = () => {
      throw new TypeError('broken cache');
    };
    expect(() => check(token(), { statusAt: broken })).toThrow(TypeError);
  });
});

describe('verifyStatusListSignature', () => {
  const sm2Private = hexToBytes('3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8');
  const sm2Public = sm2Sm3Suite.getPublicKey(sm2Private);
  const sm2Key: TrustedKey = {
    kid: kidOf(sm2Sm3Suite, sm2Public),
    alg: 'SM2-SM3',
    publicKey: sm2Public,
    verifyUntil: null,
  };
  const unsigned = {
    issuedAt: '2026-11-27T02:00:00.000Z',
    ttlSeconds: 300,
    size: 131_072,
    bitsPerEntry: 2 as const,
    encodedList: 'H4sIAAAAAAAAA2NgYGAAAAA',
    kid: edKid,
    alg: 'Ed25519' as const,
  };
  const list = {
    ...unsigned,
    signature: Buffer.from(ed25519Suite.sign(statusListSigningInput(unsigned), edPrivate)).toString('hex'),
  };

  it('accepts the list under its key, and nothing else', () => {
    expect(verifyStatusListSignature(list, [sm2Key, key])).toBe(true);
    expect(verifyStatusListSignature({ ...list, ttlSeconds: 301 }, [key])).toBe(false);
  });

  it('answers false, never throws, for an unknown kid, another alg, or a malformed signature', () => {
    expect(verifyStatusListSignature({ ...list, kid: '00000000' }, [key])).toBe(false);
    expect(verifyStatusListSignature(list, [{ ...key, kid: 'ffffffff' }])).toBe(false); // the kid must match too
    expect(verifyStatusListSignature(list, [])).toBe(false);
    expect(verifyStatusListSignature(list, [{ ...key, alg: 'SM2-SM3' }])).toBe(false);
    expect(verifyStatusListSignature({ ...list, alg: 'SM2-SM3' }, [{ ...key, alg: 'SM2-SM3' }])).toBe(false);
    expect(verifyStatusListSignature({ ...list, alg: 'RSA' as 'Ed25519' }, [{ ...key, alg: 'RSA' }])).toBe(false);
    for (const signature of ['', 'abc', list.signature.toUpperCase(), `${list.signature}zz`, `x${list.signature}`])
      expect(verifyStatusListSignature({ ...list, signature }, [key])).toBe(false);
  });

  it('checks SM2-signed lists too', () => {
    const sm2Unsigned = { ...unsigned, kid: sm2Key.kid, alg: 'SM2-SM3' as const };
    const signature = Buffer.from(sm2Sm3Suite.sign(statusListSigningInput(sm2Unsigned), sm2Private)).toString('hex');
    expect(verifyStatusListSignature({ ...sm2Unsigned, signature }, [key, sm2Key])).toBe(true);
    expect(verifyStatusListSignature({ ...sm2Unsigned, signature }, [{ ...sm2Key, publicKey: edPublic }])).toBe(false);
  });
});

describe('format errors', () => {
  it('tells an unsupported version or algorithm from a broken token', () => {
    const good = token();
    const version2 = Uint8Array.from([3, ...good.subarray(1)]); // 3: no such version (2 is the hash-chain token)
    const alg9 = Uint8Array.from([1, 9, ...good.subarray(2)]);
    expect(check(version2)).toEqual({
      verdict: 'INVALID',
      reason: verdictReasons.UNSUPPORTED,
      claims: null,
      formatError: 'UNKNOWN_VERSION',
    });
    expect(check(alg9)).toMatchObject({ reason: verdictReasons.UNSUPPORTED, formatError: 'UNKNOWN_ALG' });
    expect(check(good.subarray(0, 60))).toEqual({
      verdict: 'INVALID',
      reason: verdictReasons.INVALID,
      claims: null,
      formatError: 'TRUNCATED',
    });
    expect(check(new Uint8Array())).toMatchObject({ reason: verdictReasons.INVALID, formatError: 'EMPTY' });
  });

  it('does not pass a programming error off as an invalid token', () => {
    expect(() => check(undefined as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('INVALID (算法不符) when the key’s alg is not the token’s', () => {
    expect(check(token(), { keys: [{ ...key, alg: 'SM2-SM3' }] })).toEqual({
      verdict: 'INVALID',
      reason: verdictReasons.WRONG_ALG,
      claims: null,
    });
  });

  it('uses the signature check it is given (the server’s node:crypto)', () => {
    expect(check(token(), { verifySignature: () => false }).verdict).toBe('INVALID');
    const forged = token();
    forged[forged.length - 1] = forged[forged.length - 1]! ^ 1;
    expect(check(forged, { verifySignature: (t, k) => t.claims.kid === k.kid }).verdict).toBe('VALID');
  });
});
