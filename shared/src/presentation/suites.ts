import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js';
import type { PresentationAlg } from '../schemas/presentation';
import { SM2_DEFAULT_USER_ID, sm2 } from './sm2';

/**
 * A signature algorithm as tokens and lists use it. `id` is the `alg` byte of a token.
 * Both suites sign the raw bytes and produce 64-byte signatures.
 */
export interface SignatureSuite {
  readonly id: number;
  readonly alg: PresentationAlg;
  readonly signatureLength: 64;
  readonly publicKeyLength: number;
  getPublicKey(privateKey: Uint8Array): Uint8Array;
  sign(message: Uint8Array, privateKey: Uint8Array): Uint8Array;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** Warm whatever per-key cache the suite keeps (SM2: the fixed-base table). */
  precompute(publicKey: Uint8Array): void;
}

/** Signers keep one private key object: remember its public key instead of re-deriving it per signature. */
const sm2PublicKeys = new WeakMap<Uint8Array, Uint8Array>();
// Stryker disable all: equivalent mutants (a cache of what sm2().sign derives without it)
function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  let publicKey = sm2PublicKeys.get(privateKey);
  if (!publicKey) {
    publicKey = sm2().getPublicKey(privateKey);
    sm2PublicKeys.set(privateKey, publicKey);
  }
  return publicKey;
}
// Stryker restore all

/** SM2 with SM3 and the standard user id 1234567812345678, raw r‖s; public key 04‖x‖y. */
export const sm2Sm3Suite: SignatureSuite = {
  id: 1,
  alg: 'SM2-SM3',
  signatureLength: 64,
  publicKeyLength: 65,
  getPublicKey: (privateKey) => sm2().getPublicKey(privateKey),
  sign: (message, privateKey) =>
    // Stryker disable next-line ObjectLiteral: equivalent (sm2()'s default user id; the key is derivable)
    sm2().sign(message, privateKey, { userId: SM2_DEFAULT_USER_ID, publicKey: publicKeyOf(privateKey) }),
  verify: (signature, message, publicKey) =>
    // Stryker disable next-line ObjectLiteral: equivalent (the user id is sm2()'s default)
    publicKey.length === 65 && sm2().verify(signature, message, publicKey, { userId: SM2_DEFAULT_USER_ID }),
  // Stryker disable next-line ArrowFunction: equivalent (only warms a cache)
  precompute: (publicKey) => sm2().precomputePublicKey(publicKey),
};

/** Ed25519 (RFC 8032, pure); 32-byte public key. */
export const ed25519Suite: SignatureSuite = {
  id: 2,
  alg: 'Ed25519',
  signatureLength: 64,
  publicKeyLength: 32,
  getPublicKey: (privateKey) => ed25519.getPublicKey(privateKey),
  sign: (message, privateKey) => ed25519.sign(message, privateKey),
  verify: (signature, message, publicKey) => {
    try {
      return ed25519.verify(signature, message, publicKey);
    } catch {
      return false; // malformed key or signature encoding
    }
  },
  precompute: () => undefined,
};

export const signatureSuites: readonly SignatureSuite[] = [sm2Sm3Suite, ed25519Suite];

export function suiteById(id: number): SignatureSuite | undefined {
  return signatureSuites.find((s) => s.id === id);
}

export function suiteByAlg(alg: string): SignatureSuite | undefined {
  return signatureSuites.find((s) => s.alg === alg);
}

/** Key id: the first 4 bytes of SHA-256(alg byte ‖ public key), as 8 hex digits. */
export function kidOf(suite: SignatureSuite, publicKey: Uint8Array): string {
  return bytesToHex(sha256(concatBytes(new Uint8Array([suite.id]), publicKey)).subarray(0, 4));
}
