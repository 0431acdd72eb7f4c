import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { certificateStatuses } from '../domain/codes';
import { suiteByAlg, suiteById, type SignatureSuite } from './suites';
import {
  bytesToUuid,
  dayNumber,
  dayToDate,
  numberToTypeCode,
  statusByCode,
  TokenFormatError,
  typeCodeToNumber,
  uuidToBytes,
  type DecodedToken,
  type TokenClaims,
} from './token-fields';
import { decodeTokenV2 } from './token-v2';
import { decodeUtf8, encodeUtf8 } from './utf8';

export {
  TokenFormatError,
  type TokenFormatReason,
  type TokenClaims,
  type PresentedClaims,
  type DecodedToken,
} from './token-fields';

/**
 * The presentation token: a compact binary record signed by the service, byte by byte
 * in docs/presentation-token.md. All integers are big-endian.
 *
 *   off len  field
 *   0   1    version (1)
 *   1   1    alg (1 = SM2-SM3, 2 = Ed25519)
 *   2   4    kid
 *   6   16   certificate id (UUID)
 *   22  2    type code (letter A=1…Z=26 × 1000 + 3 digits: D071 → 4071)
 *   24  1    status at signing (platform code as a number: 10 有效, 5 吊销, 6 暂扣 …)
 *   25  2    presentation epoch
 *   27  3    status-list index
 *   30  4    notBefore (unix seconds)
 *   34  2    window in seconds (notAfter = notBefore + window)
 *   36  2    validity end (days since 1970-01-01; FFFF = 长期)
 *   38  1+N  masked holder name (length byte, UTF-8)
 *   …   1+M  masked certificate number (length byte, UTF-8)
 *   …   64   signature over every byte before it
 */
export const TOKEN_VERSION = 1;
export const TOKEN_FIXED_BYTES = 38;
export const TOKEN_SIGNATURE_BYTES = 64;
/**
 * Budget for name + number so the whole QR stays at version 10 / M with a 38-character
 * URL prefix (https://roadcert.jtt.example.gov.cn/v/): 416 digits = 171 bytes in all.
 */
export const TOKEN_MAX_BYTES = 171;
export const TOKEN_MAX_TEXT_BYTES = TOKEN_MAX_BYTES - TOKEN_FIXED_BYTES - 2 - TOKEN_SIGNATURE_BYTES;

/**
 * Shortens a name so name + number fit TOKEN_MAX_TEXT_BYTES (whole characters, ending in …).
 * The number is never cut: it is what a verifier compares; an operator's long name is not.
 */
export function fitTokenText(
  holderNameMasked: string,
  numberMasked: string,
  /** Version 2 tokens have one byte less for the texts (TOKEN_V2_MAX_TEXT_BYTES). */
  budget: number = TOKEN_MAX_TEXT_BYTES,
): { holderNameMasked: string; numberMasked: string } {
  const numberBytes = encodeUtf8(numberMasked).length;
  const room = budget - numberBytes;
  if (encodeUtf8(holderNameMasked).length <= room) return { holderNameMasked, numberMasked };
  const chars = Array.from(holderNameMasked);
  while (chars.length > 0 && encodeUtf8(chars.join('') + '…').length > room) chars.pop();
  return { holderNameMasked: chars.join('') + '…', numberMasked };
}

/** The signed part of a token (everything but the signature). */
export function encodeTokenBody(claims: TokenClaims): Uint8Array {
  const suite = suiteByAlg(claims.alg);
  if (!suite) throw new TokenFormatError('UNKNOWN_ALG', claims.alg);
  const name = encodeUtf8(claims.holderNameMasked);
  const number = encodeUtf8(claims.numberMasked);
  // The budget (67 bytes) also keeps each length within its length byte.
  if (name.length + number.length > TOKEN_MAX_TEXT_BYTES) {
    throw new TokenFormatError(
      'TOO_LONG',
      `name ${name.length} + number ${number.length} bytes > ${TOKEN_MAX_TEXT_BYTES}`,
    );
  }
  const window = claims.notAfter - claims.notBefore;
  if (
    !Number.isInteger(claims.notBefore) ||
    claims.notBefore < 0 ||
    claims.notBefore > 0xffffffff ||
    !Number.isInteger(window) ||
    window < 1 ||
    window > 0xffff
  ) {
    throw new TokenFormatError('BAD_WINDOW', `${claims.notBefore}..${claims.notAfter}`);
  }
  if (!Number.isInteger(claims.epoch) || claims.epoch < 0 || claims.epoch > 0xffff)
    throw new TokenFormatError('BAD_TEXT', 'epoch out of range');
  if (!Number.isInteger(claims.statusIndex) || claims.statusIndex < 0 || claims.statusIndex > 0xffffff)
    throw new TokenFormatError('BAD_TEXT', 'statusIndex out of range');
  if (!/^[0-9a-f]{8}$/.test(claims.kid)) throw new TokenFormatError('BAD_TEXT', 'kid must be 8 hex digits');
  const out = new Uint8Array(TOKEN_FIXED_BYTES + 2 + name.length + number.length);
  const view = new DataView(out.buffer);
  out[0] = TOKEN_VERSION;
  out[1] = suite.id;
  out.set(hexToBytes(claims.kid), 2);
  out.set(uuidToBytes(claims.certificateId), 6);
  view.setUint16(22, typeCodeToNumber(claims.typeCode));
  out[24] = Number(certificateStatuses[claims.status].code);
  view.setUint16(25, claims.epoch);
  out[27] = claims.statusIndex >>> 16;
  view.setUint16(28, claims.statusIndex & 0xffff);
  view.setUint32(30, claims.notBefore);
  view.setUint16(34, window);
  view.setUint16(36, dayNumber(claims.validUntil));
  out[TOKEN_FIXED_BYTES] = name.length;
  out.set(name, TOKEN_FIXED_BYTES + 1);
  out[TOKEN_FIXED_BYTES + 1 + name.length] = number.length;
  out.set(number, TOKEN_FIXED_BYTES + 2 + name.length);
  return out;
}

export function encodeToken(
  claims: TokenClaims,
  sign: (body: Uint8Array, suite: SignatureSuite) => Uint8Array,
): Uint8Array {
  const body = encodeTokenBody(claims);
  const suite = suiteByAlg(claims.alg)!;
  const signature = sign(body, suite);
  if (signature.length !== suite.signatureLength) throw new Error(`signature must be ${suite.signatureLength} bytes`);
  const out = new Uint8Array(body.length + signature.length);
  out.set(body);
  out.set(signature, body.length);
  return out;
}

/**
 * Parses token bytes, version 1 or 2; throws TokenFormatError with a distinct reason for every
 * way they can be wrong. Does not check the signature (verifyTokenSignature) or the time.
 */
export function decodeToken(bytes: Uint8Array): DecodedToken {
  if (bytes.length === 0) throw new TokenFormatError('EMPTY', 'no bytes');
  if (bytes[0] === 2) return decodeTokenV2(bytes);
  return decodeTokenV1(bytes);
}

function decodeTokenV1(bytes: Uint8Array): DecodedToken {
  const at = (i: number) => bytes[i] ?? 0; // a missing byte reads 0: a short token fails the length check
  if (at(0) !== TOKEN_VERSION) throw new TokenFormatError('UNKNOWN_VERSION', String(at(0)));
  if (bytes.length < 2) throw new TokenFormatError('TRUNCATED', 'no alg');
  const suite = suiteById(at(1));
  if (!suite) throw new TokenFormatError('UNKNOWN_ALG', String(at(1)));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nameLength = at(TOKEN_FIXED_BYTES);
  const numberAt = TOKEN_FIXED_BYTES + 1 + nameLength;
  const numberLength = at(numberAt);
  const signatureAt = numberAt + 1 + numberLength;
  const expected = signatureAt + suite.signatureLength;
  if (bytes.length < expected) throw new TokenFormatError('TRUNCATED', `${bytes.length} of ${expected} bytes`);
  if (bytes.length > expected) throw new TokenFormatError('TRAILING_BYTES', `${bytes.length - expected} extra bytes`);
  if (nameLength + numberLength > TOKEN_MAX_TEXT_BYTES) throw new TokenFormatError('TOO_LONG', 'name + number');
  const typeCode = numberToTypeCode(view.getUint16(22));
  if (!typeCode) throw new TokenFormatError('BAD_TYPE_CODE', String(view.getUint16(22)));
  const status = statusByCode.get(at(24));
  if (!status) throw new TokenFormatError('BAD_STATUS', String(at(24)));
  const window = view.getUint16(34);
  if (window === 0) throw new TokenFormatError('BAD_WINDOW', 'zero window');
  const holderNameMasked = decodeUtf8(bytes.subarray(TOKEN_FIXED_BYTES + 1, numberAt));
  const numberMasked = decodeUtf8(bytes.subarray(numberAt + 1, signatureAt));
  if (holderNameMasked === null || numberMasked === null) throw new TokenFormatError('BAD_TEXT', 'not UTF-8');
  const notBefore = view.getUint32(30);
  return {
    version: at(0),
    claims: {
      alg: suite.alg,
      kid: bytesToHex(bytes.subarray(2, 6)),
      certificateId: bytesToUuid(bytes.subarray(6, 22)),
      typeCode,
      status,
      epoch: view.getUint16(25),
      statusIndex: (at(27) << 16) | view.getUint16(28),
      notBefore,
      notAfter: notBefore + window,
      validUntil: dayToDate(view.getUint16(36)),
      holderNameMasked,
      numberMasked,
    },
    signedBytes: bytes.subarray(0, signatureAt),
    signature: bytes.subarray(signatureAt),
  };
}

/** True when the token's signature verifies under `publicKey` with the token's own algorithm. */
export function verifyTokenSignature(token: DecodedToken, publicKey: Uint8Array): boolean {
  const suite = suiteByAlg(token.claims.alg);
  return !!suite && suite.verify(token.signature, token.signedBytes, publicKey);
}
