import { hexToBytes } from '@noble/hashes/utils.js';
import { certificateStatuses } from '../domain/codes';
import type { KeyList, StatusList, VerifyVerdict } from '../schemas/presentation';
import { statusListReason, statusListSigningInput } from './status-list';
import { suiteByAlg } from './suites';
import {
  decodeToken,
  TokenFormatError,
  verifyTokenSignature,
  type DecodedToken,
  type PresentedClaims,
  type TokenFormatReason,
} from './token';

/** Chinese reasons for each verdict (NOT_VALID adds the certificate's own status). */
export const verdictReasons = {
  VALID: '证照有效',
  INVALID: '核验码无效或已被篡改',
  UNSUPPORTED: '核验码版本或签名算法不受支持，请更新后重试',
  WRONG_ALG: '核验码的签名算法与签发密钥不符',
  UNKNOWN_KEY: '签发密钥未知，请联网更新密钥列表后重试',
  KEY_EXPIRED: '签发密钥已停用，核验码不再有效',
  TOKEN_EXPIRED: '核验码已过期，请持证人刷新二维码',
  NOT_YET_VALID: '核验码尚未生效，请检查手机时间',
  CERTIFICATE_EXPIRED: '证照已过有效期',
} as const;

/** A trusted key as a verifier holds it (from the key list). Times in ms. */
export interface TrustedKey {
  kid: string;
  alg: string;
  publicKey: Uint8Array;
  /** null while the key is active. */
  verifyUntil: number | null;
}

export interface VerifyOptions {
  keys: readonly TrustedKey[];
  /** Verifier's clock, ms. */
  now: number;
  /** Tolerance on both ends of the token window, seconds (default 90). */
  skewSeconds?: number;
  /**
   * Offline: the cached status list's 2-bit value for an index (undefined: not in the list).
   * `(i) => getStatusBits(bits, i)` will do: an index beyond the cached list (a certificate
   * newer than the list) counts as not in the list instead of throwing.
   */
  statusAt?: (index: number) => number | undefined;
  /** Replaces the suite's signature check (the server uses node:crypto for Ed25519). */
  verifySignature?: (token: DecodedToken, key: TrustedKey) => boolean;
}

export interface TokenCheck {
  verdict: VerifyVerdict;
  reason: string;
  /**
   * Present once the signature verified; never trust claims from a failed check. A version-2
   * token names its certificate by `statusIndex` only (`certificateId` null).
   */
  claims: PresentedClaims | null;
  /** Version 2: the anchor's interval and the token's minute in it (unix seconds). */
  interval?: DecodedToken['interval'];
  /** Why the bytes were rejected before any signature check. */
  formatError?: TokenFormatReason;
}

/** Beijing calendar date (YYYY-MM-DD) of an instant: validity ends at the end of that day there. */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Everything that can be checked from the token and the verifier's cached lists: format,
 * key, algorithm, signature, window (± skew), the status at signing, the validity end and,
 * offline, the status list. The server adds the certificate's current status and epoch.
 */
export function checkToken(bytes: Uint8Array, options: VerifyOptions): TokenCheck {
  const skewMs = (options.skewSeconds ?? 90) * 1000;
  let decoded;
  try {
    decoded = decodeToken(bytes);
  } catch (e) {
    if (!(e instanceof TokenFormatError)) throw e;
    const unsupported = e.reason === 'UNKNOWN_VERSION' || e.reason === 'UNKNOWN_ALG';
    return {
      verdict: 'INVALID',
      reason: unsupported ? verdictReasons.UNSUPPORTED : verdictReasons.INVALID,
      claims: null,
      formatError: e.reason,
    };
  }
  const { claims } = decoded;
  // Version 2: the hash chain was walked in decodeToken; a wrong value or minute fails the signature.
  const key = options.keys.find((k) => k.kid === claims.kid);
  if (!key) return { verdict: 'UNKNOWN_KEY', reason: verdictReasons.UNKNOWN_KEY, claims: null };
  if (key.alg !== claims.alg) return { verdict: 'INVALID', reason: verdictReasons.WRONG_ALG, claims: null };
  const signed = options.verifySignature
    ? options.verifySignature(decoded, key)
    : verifyTokenSignature(decoded, key.publicKey);
  if (!signed) return { verdict: 'INVALID', reason: verdictReasons.INVALID, claims: null };
  if (key.verifyUntil !== null && options.now > key.verifyUntil)
    return { verdict: 'UNKNOWN_KEY', reason: verdictReasons.KEY_EXPIRED, claims };
  if (options.now < claims.notBefore * 1000 - skewMs)
    return { verdict: 'NOT_YET_VALID', reason: verdictReasons.NOT_YET_VALID, claims };
  if (options.now > claims.notAfter * 1000 + skewMs)
    return { verdict: 'TOKEN_EXPIRED', reason: verdictReasons.TOKEN_EXPIRED, claims };
  if (claims.status !== 'VALID')
    return { verdict: 'NOT_VALID', reason: `证照${certificateStatuses[claims.status].label}`, claims };
  if (claims.validUntil !== null && chinaDate(options.now) > claims.validUntil)
    return { verdict: 'NOT_VALID', reason: verdictReasons.CERTIFICATE_EXPIRED, claims };
  const listed = statusInList(options, claims.statusIndex);
  const listReason = listed === undefined ? null : statusListReason(listed);
  if (listReason) return { verdict: 'NOT_VALID', reason: listReason, claims };
  return {
    verdict: 'VALID',
    reason: verdictReasons.VALID,
    claims,
    ...(decoded.interval ? { interval: decoded.interval } : {}),
  };
}

/** The list's value for an index; undefined when there is no list or the index lies beyond it. */
function statusInList(options: VerifyOptions, index: number): number | undefined {
  try {
    return options.statusAt?.(index);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The published key list (keys.json) as the keys checkToken takes. */
export function trustedKeysFromList(list: KeyList): TrustedKey[] {
  return list.keys.map((k) => ({
    kid: k.kid,
    alg: k.alg,
    publicKey: hexToBytes(k.publicKey),
    verifyUntil: k.verifyUntil === null ? null : Date.parse(k.verifyUntil),
  }));
}

/**
 * Whether a fetched status list was signed by a trusted key (check before caching it;
 * then inflate `encodedList` and read entries with getStatusBits).
 */
export function verifyStatusListSignature(list: StatusList, keys: readonly TrustedKey[]): boolean {
  const key = keys.find((k) => k.kid === list.kid && k.alg === list.alg);
  const suite = suiteByAlg(list.alg);
  if (!key || !suite || !/^(?:[0-9a-f]{2})+$/.test(list.signature)) return false;
  const { signature, ...unsigned } = list;
  return suite.verify(hexToBytes(signature), statusListSigningInput(unsigned), key.publicKey);
}
