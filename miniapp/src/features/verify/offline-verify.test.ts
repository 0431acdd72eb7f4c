import { encodeToken, tokenToQrText, type TokenClaims } from '@roadcert/shared/presentation';
import { describe, expect, it } from 'vitest';
import { sm2TestIssuer } from '../../test/presentation-material';
import { offlineVerify } from './offline-verify';

// A fixed test key (not a product key): private scalar 0x11…11.
const privateKey = new Uint8Array(32).fill(0x11);
const issuer = sm2TestIssuer({ privateKey, statusIndex: 4242 });
const { kid, keyList } = issuer;
const now = Date.parse('2026-11-27T10:00:00Z');

function claims(overrides: Partial<TokenClaims> = {}): TokenClaims {
  return {
    alg: 'SM2-SM3',
    kid,
    certificateId: '7d0b2f4e-3c1a-4b8e-9f00-1234567890ab',
    typeCode: 'D071',
    status: 'VALID',
    epoch: 0,
    statusIndex: 4242,
    notBefore: Math.floor(now / 1000) - 10,
    notAfter: Math.floor(now / 1000) + 20,
    validUntil: '2030-01-01',
    holderNameMasked: '王*',
    numberMasked: '4401**********3532',
    ...overrides,
  };
}

const qrText = (c: TokenClaims) =>
  tokenToQrText(
    issuer.issuer,
    encodeToken(c, (body, suite) => suite.sign(body, privateKey)),
  );

const statusList = (revokedIndex: number | null, signWith = privateKey) =>
  issuer.statusList(revokedIndex, '2026-11-27T09:55:00.000Z', signWith);

/** A version-2 token (hash chain) of the minute holding `now`, for the same certificate. */
const qrTextV2 = () => issuer.qrTextV2(now);

describe('offline verification from the cached lists', () => {
  it('checks version-2 tokens (derived on the holder phone) the same way, status list included', () => {
    expect(offlineVerify(qrTextV2(), { keys: keyList, status: statusList(null) }, now)).toMatchObject({
      verdict: 'VALID',
      claims: { holderNameMasked: '王*', statusIndex: 4242, certificateId: null },
    });
    expect(offlineVerify(qrTextV2(), { keys: keyList, status: statusList(4242) }, now)?.verdict).toBe('NOT_VALID');
    expect(offlineVerify(qrTextV2(), { keys: keyList, status: statusList(null) }, now + 5 * 60_000)?.verdict).toBe(
      'TOKEN_EXPIRED',
    );
  });

  it('finds a fresh token of a valid certificate valid, with the claims to show', () => {
    const check = offlineVerify(qrText(claims()), { keys: keyList, status: statusList(null) }, now);
    expect(check).toMatchObject({ verdict: 'VALID', statusListUsed: true });
    expect(check?.claims).toMatchObject({
      holderNameMasked: '王*',
      numberMasked: '4401**********3532',
      typeCode: 'D071',
    });
  });

  it('finds a certificate revoked after signing not valid, from the status list', () => {
    const check = offlineVerify(qrText(claims()), { keys: keyList, status: statusList(4242) }, now);
    expect(check?.verdict).toBe('NOT_VALID');
    expect(check?.reason).toContain('吊销');
  });

  it('ignores a status list it cannot trust, and says so', () => {
    const forged = statusList(null, new Uint8Array(32).fill(0x22));
    expect(offlineVerify(qrText(claims()), { keys: keyList, status: forged }, now)).toMatchObject({
      verdict: 'VALID',
      statusListUsed: false,
    });
    expect(offlineVerify(qrText(claims()), { keys: keyList, status: null }, now)).toMatchObject({
      verdict: 'VALID',
      statusListUsed: false,
    });
  });

  it('rejects a tampered token, an unknown key, an expired window and a far-future one', () => {
    const text = qrText(claims());
    const last = text.at(-1) === '1' ? '2' : '1';
    expect(offlineVerify(text.slice(0, -1) + last, { keys: keyList, status: null }, now)?.verdict).toBe('INVALID');
    expect(offlineVerify(qrText(claims({ kid: '00000000' })), { keys: keyList, status: null }, now)?.verdict).toBe(
      'UNKNOWN_KEY',
    );
    expect(offlineVerify(text, { keys: keyList, status: null }, now + 5 * 60_000)?.verdict).toBe('TOKEN_EXPIRED');
    expect(offlineVerify(text, { keys: keyList, status: null }, now - 5 * 60_000)?.verdict).toBe('NOT_YET_VALID');
  });

  it('says a QR that is not a token is not one, and cannot check without a key list', () => {
    expect(offlineVerify('https://weixin.qq.com/x', { keys: keyList, status: null }, now)).toMatchObject({
      verdict: 'INVALID',
      claims: null,
    });
    expect(offlineVerify(qrText(claims()), { keys: null, status: null }, now)).toBeNull();
  });
});
