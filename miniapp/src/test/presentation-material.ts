import { hexToBytes } from '@noble/hashes/utils.js';
import type { KeyList, StatusList } from '@roadcert/shared';
import {
  base64urlEncode,
  createStatusBits,
  deriveTokenV2,
  ed25519Suite,
  kidOf,
  setStatusBits,
  signAnchor,
  sm2Sm3Suite,
  statusListSigningInput,
  tokenToQrText,
} from '@roadcert/shared/presentation';
import { gzipSync } from 'fflate';
import type { HeldIntervalRow } from '../features/presentation/rotation';

/** A test key (RFC 8032 §7.1 vector 1) and the material the service would send for it. */
export const testPrivateKey = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
export const testPublicKey = ed25519Suite.getPublicKey(testPrivateKey);
export const testKid = kidOf(ed25519Suite, testPublicKey);

/** `count` back-to-back intervals of `links` windows of `windowSeconds`, from `startMs`. */
export function heldIntervals(startMs: number, count: number, windowSeconds = 30, links = 4): HeldIntervalRow[] {
  return Array.from({ length: count }, (_, i) => {
    const start = startMs / 1000 + i * links * windowSeconds;
    const seed = new Uint8Array(16).fill(i + 1);
    const { anchor } = signAnchor(
      {
        alg: 'Ed25519',
        kid: testKid,
        statusIndex: 1234,
        typeCode: 'D071',
        epoch: 0,
        intervalStart: start,
        windowSeconds,
        links,
        validUntil: null,
        holderNameMasked: '王*',
        numberMasked: '4401**********8910',
      },
      seed,
      (message) => ed25519Suite.sign(message, testPrivateKey),
    );
    return {
      start: start * 1000,
      end: (start + links * windowSeconds) * 1000,
      anchor: base64urlEncode(anchor),
      seed: base64urlEncode(seed),
    };
  });
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * An SM2 issuer for the verifier tests (offline check, weapp scanner): its published key list,
 * status lists it signs, and the version-2 QR text a holder's phone shows at a given moment.
 */
export function sm2TestIssuer(options: { privateKey: Uint8Array; statusIndex: number }) {
  const { privateKey, statusIndex } = options;
  const issuer = 'https://roadcert.example.gov.cn';
  const publicKey = sm2Sm3Suite.getPublicKey(privateKey);
  const kid = kidOf(sm2Sm3Suite, publicKey);
  const keyList: KeyList = {
    issuer,
    keys: [
      {
        kid,
        alg: 'SM2-SM3',
        publicKey: hex(publicKey),
        userId: '1234567812345678',
        notBefore: '2026-01-01T00:00:00.000Z',
        retiredAt: null,
        verifyUntil: null,
      },
    ],
    ttlSeconds: 86_400,
    clockSkewSeconds: 90,
  };

  /** A status list issued at `issuedAt`, `revokedIndex` marked revoked; signed with `signWith` (default: the issuer's key). */
  function statusList(revokedIndex: number | null, issuedAt: string, signWith = privateKey): StatusList {
    const bits = createStatusBits(131_072);
    if (revokedIndex !== null) setStatusBits(bits, revokedIndex, 1);
    const unsigned = {
      issuedAt,
      ttlSeconds: 3600,
      size: 131_072,
      bitsPerEntry: 2 as const,
      encodedList: base64urlEncode(gzipSync(bits)),
      kid,
      alg: 'SM2-SM3' as const,
    };
    return { ...unsigned, signature: hex(sm2Sm3Suite.sign(statusListSigningInput(unsigned), signWith)) };
  }

  /** The version-2 QR (anchor of the 2-hour interval + hash chain) of the minute holding `atMs`. */
  function qrTextV2(atMs: number): string {
    const start = Math.floor(atMs / 1000 / 7200) * 7200;
    const seed = new Uint8Array(16).fill(9);
    const { anchor } = signAnchor(
      {
        alg: 'SM2-SM3',
        kid,
        statusIndex,
        typeCode: 'D071',
        epoch: 0,
        intervalStart: start,
        windowSeconds: 60,
        links: 120,
        validUntil: '2030-01-01',
        holderNameMasked: '王*',
        numberMasked: '4401**********3532',
      },
      seed,
      (message) => sm2Sm3Suite.sign(message, privateKey),
    );
    return tokenToQrText(issuer, deriveTokenV2(anchor, seed, Math.floor((atMs / 1000 - start) / 60)));
  }

  return { issuer, kid, keyList, statusList, qrTextV2 };
}
