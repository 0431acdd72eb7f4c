import { createPublicKey, type KeyObject } from 'node:crypto';
import { sm2Sm3Suite } from '@roadcert/shared/presentation';

/**
 * SM2 over node key objects, in the encodings certificates and key files use (DER signatures,
 * PKCS#8 keys). node:crypto cannot set SM2's user id, so signing goes through the shared
 * codec's SM2 (user id 1234567812345678) with the scalar taken out of the key object.
 */

/**
 * The 32-byte private scalar of an SM2 key object: PKCS#8 wraps an ECPrivateKey whose
 * version and key start 02 01 01 04 20. (A key decoded from PEM is OpenSSL's SM2 type,
 * which node cannot export as SEC1: that aborts the process, so PKCS#8 it is.)
 */
export function sm2PrivateScalar(privateKey: KeyObject): Uint8Array {
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const at = der.indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20]));
  if (at < 0) throw new Error('unexpected SM2 private key encoding');
  return new Uint8Array(der.subarray(at + 5, at + 37));
}

/** The uncompressed SM2 point 04‖x‖y of a public (or private) key object. */
export function sm2PublicPoint(key: KeyObject): Uint8Array {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  return new Uint8Array(spki.subarray(spki.length - 65));
}

const derInteger = (bytes: Uint8Array) => {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const body = bytes.subarray(i);
  return Buffer.concat([
    Buffer.from([0x02, body.length + (body[0]! & 0x80 ? 1 : 0)]),
    body[0]! & 0x80 ? Buffer.from([0]) : Buffer.alloc(0),
    body,
  ]);
};

/**
 * SM2/SM3 with the standard user id 1234567812345678 over a key object (certificate
 * signatures at issuance), DER SEQUENCE {r, s} as GM/T 0009 stores it. node:crypto cannot
 * set the user id, so this goes through the shared codec's SM2.
 */
export function sm2SignDer(message: Uint8Array, privateKey: KeyObject): Buffer {
  return sm2RawToDer(sm2Sm3Suite.sign(message, sm2PrivateScalar(privateKey)));
}

/** A raw r‖s signature (the signing pool's) as DER SEQUENCE {r, s}. */
export function sm2RawToDer(raw: Uint8Array): Buffer {
  const seq = Buffer.concat([derInteger(raw.subarray(0, 32)), derInteger(raw.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, seq.length]), seq]);
}

export function sm2VerifyDer(message: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  // SEQUENCE { INTEGER r, INTEGER s }, short lengths only (at most 33 bytes each).
  const sig = Buffer.from(signature);
  if (sig[0] !== 0x30 || sig[1] !== sig.length - 2) return false;
  const parts: Buffer[] = [];
  let at = 2;
  for (let i = 0; i < 2; i++) {
    if (sig[at] !== 0x02) return false;
    const len = sig[at + 1] ?? 0;
    if (len < 1 || len > 33) return false;
    parts.push(sig.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  if (at !== sig.length) return false;
  const raw = new Uint8Array(64);
  for (const [i, part] of parts.entries()) {
    const trimmed = part.length === 33 && part[0] === 0 ? part.subarray(1) : part;
    if (trimmed.length > 32) return false;
    raw.set(trimmed, 32 * (i + 1) - trimmed.length);
  }
  return sm2Sm3Suite.verify(raw, message, sm2PublicPoint(publicKey));
}
