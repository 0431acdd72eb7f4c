import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { ed25519Suite, kidOf, signatureSuites, sm2Sm3Suite, suiteByAlg, suiteById } from './suites';

const sm2Private = hexToBytes('3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8');
const sm2Public = sm2Sm3Suite.getPublicKey(sm2Private);
const edPrivate = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const edPublic = ed25519Suite.getPublicKey(edPrivate);
const message = utf8ToBytes('roadcert');

describe('signature suites', () => {
  it('are SM2-SM3 (alg byte 1) and Ed25519 (alg byte 2), 64-byte signatures both', () => {
    expect(signatureSuites.map((s) => [s.id, s.alg, s.signatureLength, s.publicKeyLength])).toEqual([
      [1, 'SM2-SM3', 64, 65],
      [2, 'Ed25519', 64, 32],
    ]);
    expect(suiteById(1)).toBe(sm2Sm3Suite);
    expect(suiteById(2)).toBe(ed25519Suite);
    expect(suiteById(3)).toBeUndefined();
    expect(suiteByAlg('SM2-SM3')).toBe(sm2Sm3Suite);
    expect(suiteByAlg('Ed25519')).toBe(ed25519Suite);
    expect(suiteByAlg('ed25519')).toBeUndefined();
  });

  it('kid: the first 4 bytes of SHA-256(alg byte ‖ public key), as hex', () => {
    const expected = (id: number, key: Uint8Array) => bytesToHex(sha256(Uint8Array.from([id, ...key]))).slice(0, 8);
    expect(kidOf(sm2Sm3Suite, sm2Public)).toBe(expected(1, sm2Public));
    expect(kidOf(ed25519Suite, edPublic)).toBe(expected(2, edPublic));
    expect(kidOf(sm2Sm3Suite, edPublic)).not.toBe(kidOf(ed25519Suite, edPublic));
  });

  it('SM2 signs and verifies with the uncompressed 65-byte key only', () => {
    const signature = sm2Sm3Suite.sign(message, sm2Private);
    expect(signature).toHaveLength(64);
    expect(sm2Sm3Suite.verify(signature, message, sm2Public)).toBe(true);
    expect(sm2Sm3Suite.sign(message, sm2Private)).toHaveLength(64);
    const compressed = Uint8Array.from([2 + (sm2Public[64]! & 1), ...sm2Public.subarray(1, 33)]);
    expect(sm2Sm3Suite.verify(signature, message, compressed)).toBe(false);
    expect(sm2Sm3Suite.verify(signature, utf8ToBytes('roadcerT'), sm2Public)).toBe(false);
  });

  it('Ed25519 answers false, not an exception, for a malformed key or signature', () => {
    const signature = ed25519Suite.sign(message, edPrivate);
    expect(ed25519Suite.verify(signature, message, edPublic)).toBe(true);
    expect(ed25519Suite.verify(signature, message, edPublic.subarray(1))).toBe(false);
    expect(ed25519Suite.verify(signature.subarray(1), message, edPublic)).toBe(false);
    expect(ed25519Suite.precompute(edPublic)).toBeUndefined();
  });
});
