import type { KeyList, StatusList, VerifyVerdict } from '@roadcert/shared';
import {
  base64urlDecode,
  checkToken,
  getStatusBits,
  qrTextToToken,
  statusListSigningInput,
  suiteByAlg,
  type PresentedClaims,
  type TrustedKey,
} from '@roadcert/shared/presentation';
import { gunzipSync } from 'fflate';

/**
 * The scanner's offline check: the codec's checkToken against the cached key list, plus the
 * cached status list when its signature verifies under one of those keys. This module is what
 * carries the crypto (noble) — only the scanner page imports it, so it stays in the pkg-verify
 * subpackage and never reaches the main package or the portal's verify page.
 */

function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** The key list as the codec wants it; keys with a malformed public key are left out. */
export function trustedKeys(list: KeyList): TrustedKey[] {
  return list.keys.flatMap((key) => {
    const publicKey = hexToBytes(key.publicKey);
    if (!publicKey) return [];
    return [
      { kid: key.kid, alg: key.alg, publicKey, verifyUntil: key.verifyUntil ? Date.parse(key.verifyUntil) : null },
    ];
  });
}

/**
 * The 2-bit status of each list index, or null when the list cannot be trusted (signed by no
 * key we hold, bad signature, not gzip, shorter than it says).
 */
export function statusReader(
  list: StatusList,
  keys: readonly TrustedKey[],
): ((index: number) => number | undefined) | null {
  const key = keys.find((candidate) => candidate.kid === list.kid && candidate.alg === list.alg);
  const suite = suiteByAlg(list.alg);
  const signature = hexToBytes(list.signature);
  if (!key || !suite || !signature) return null;
  const { signature: _unsigned, ...signed } = list;
  if (!suite.verify(signature, statusListSigningInput(signed), key.publicKey)) return null;
  const compressed = base64urlDecode(list.encodedList);
  if (!compressed) return null;
  let bits: Uint8Array;
  try {
    bits = gunzipSync(compressed);
  } catch {
    return null;
  }
  if (bits.length * 4 < list.size) return null;
  return (index) => (index >= 0 && index < list.size ? getStatusBits(bits, index) : undefined);
}

export interface OfflineCheck {
  verdict: VerifyVerdict;
  reason: string;
  /** What the token says about the certificate; only when its signature verified. */
  claims: PresentedClaims | null;
  /** Whether a trusted status list took part (else revocations since signing are unknown). */
  statusListUsed: boolean;
}

export interface VerifierLists {
  keys: KeyList | null;
  status: StatusList | null;
}

/** Null when there is no key list on the device: nothing can be checked offline. */
export function offlineVerify(qrText: string, lists: VerifierLists, now: number): OfflineCheck | null {
  if (!lists.keys) return null;
  let bytes: Uint8Array;
  try {
    bytes = qrTextToToken(qrText);
  } catch {
    return { verdict: 'INVALID', reason: '这不是道路运输电子证照的二维码', claims: null, statusListUsed: false };
  }
  const keys = trustedKeys(lists.keys);
  const statusAt = lists.status ? statusReader(lists.status, keys) : null;
  const check = checkToken(bytes, {
    keys,
    now,
    skewSeconds: lists.keys.clockSkewSeconds,
    statusAt: statusAt ?? undefined,
  });
  return { verdict: check.verdict, reason: check.reason, claims: check.claims, statusListUsed: statusAt !== null };
}
