import { createPublicKey } from 'node:crypto';
import type { KeyMaterial } from '../../lib/key-material';
import { sm2SignDer, sm2VerifyDer } from '../../lib/sm2-der';
import type { FileSigner } from './ofd-signature';

/** The certificate signing key as the file formats use it (the one SM2 call site of this module). */
export function fileSignerOf(signing: KeyMaterial['signing']): FileSigner {
  const publicKeySpki = new Uint8Array(signing.publicKey.export({ type: 'spki', format: 'der' }));
  return {
    kid: signing.kid,
    publicKeySpki,
    sign: (message) => sm2SignDer(message, signing.privateKey),
  };
}

/** SM2/SM3 verification against an SPKI the file carries; a malformed key is a failed check. */
export function verifyWithSpki(message: Uint8Array, signature: Uint8Array, spki: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    return sm2VerifyDer(message, signature, key);
  } catch {
    return false;
  }
}
