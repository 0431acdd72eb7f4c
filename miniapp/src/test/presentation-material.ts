import { hexToBytes } from '@noble/hashes/utils.js';
import { base64urlEncode, ed25519Suite, kidOf, signAnchor } from '@roadcert/shared/presentation';
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
