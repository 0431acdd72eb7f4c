import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { PresentationAlg } from '../schemas/presentation';
import {
  ANCHOR_FIXED_BYTES,
  ANCHOR_LINKS_AT,
  ANCHOR_START_AT,
  ANCHOR_WINDOW_AT,
  CHAIN_VALUE_BYTES,
  chainContext,
  hashDown,
  TOKEN_V2,
} from './chain';
import { suiteByAlg, suiteById } from './suites';
import {
  dayNumber,
  dayToDate,
  numberToTypeCode,
  TokenFormatError,
  typeCodeToNumber,
  type DecodedToken,
} from './token-fields';
import { decodeUtf8, encodeUtf8 } from './utf8';

/**
 * Token version 2 (docs/presentation-token.md): the service signs once per interval an
 * anchor committing to a hash chain (chain.ts); the token of minute i is the anchor body,
 * i, the chain value w_{i+1} and the anchor's signature. All integers big-endian.
 *
 *   anchor body                          token
 *   off len  field                       body ‖ minute (1) ‖ w_{i+1} (16) ‖ signature (64)
 *   0   1    version (2)
 *   1   1    alg (1 = SM2-SM3, 2 = Ed25519)
 *   2   4    kid
 *   6   3    status-list index           (names the certificate; no id in the QR)
 *   9   2    type code
 *   11  2    presentation epoch
 *   13  4    interval start (unix seconds)
 *   17  2    window seconds
 *   19  1    links n (interval end = start + n × window)
 *   20  2    validity end (days since 1970-01-01; FFFF = 长期)
 *   22  1+N  masked holder name
 *   …   1+M  masked number
 *
 * The signature covers body ‖ tip (w_0, 16 bytes), which the token does not carry: a
 * verifier hashes w_{i+1} down i + 1 times and checks the signature over what it got.
 */
export const TOKEN_V2_TAIL_BYTES = 1 + CHAIN_VALUE_BYTES + 64;
/** Same QR budget as version 1 (171 bytes, version 10 / M with a 38-character prefix). */
export const TOKEN_V2_MAX_BYTES = 171;
export const TOKEN_V2_MAX_TEXT_BYTES = TOKEN_V2_MAX_BYTES - ANCHOR_FIXED_BYTES - 2 - TOKEN_V2_TAIL_BYTES;
/** Links per chain at most (one byte); the service uses CHAIN_LINKS. */
export const MAX_CHAIN_LINKS = 255;

export interface AnchorClaims {
  alg: PresentationAlg;
  kid: string;
  statusIndex: number;
  typeCode: string;
  epoch: number;
  /** Unix seconds. */
  intervalStart: number;
  windowSeconds: number;
  links: number;
  validUntil: string | null;
  holderNameMasked: string;
  numberMasked: string;
}

const inRange = (n: number, max: number, min = 0) => Number.isInteger(n) && n >= min && n <= max;

/** The signed anchor body (without the tip). */
export function encodeAnchorBody(claims: AnchorClaims): Uint8Array {
  const suite = suiteByAlg(claims.alg);
  if (!suite) throw new TokenFormatError('UNKNOWN_ALG', claims.alg);
  const name = encodeUtf8(claims.holderNameMasked);
  const number = encodeUtf8(claims.numberMasked);
  if (name.length + number.length > TOKEN_V2_MAX_TEXT_BYTES)
    throw new TokenFormatError('TOO_LONG', `name ${name.length} + number ${number.length} bytes`);
  if (
    !inRange(claims.intervalStart, 0xffffffff) ||
    !inRange(claims.windowSeconds, 0xffff, 1) ||
    !inRange(claims.links, MAX_CHAIN_LINKS, 1)
  )
    throw new TokenFormatError('BAD_WINDOW', `${claims.intervalStart} ${claims.windowSeconds}×${claims.links}`);
  if (!inRange(claims.epoch, 0xffff)) throw new TokenFormatError('BAD_TEXT', 'epoch out of range');
  if (!inRange(claims.statusIndex, 0xffffff)) throw new TokenFormatError('BAD_TEXT', 'statusIndex out of range');
  if (!/^[0-9a-f]{8}$/.test(claims.kid)) throw new TokenFormatError('BAD_TEXT', 'kid must be 8 hex digits');
  const out = new Uint8Array(ANCHOR_FIXED_BYTES + 2 + name.length + number.length);
  const view = new DataView(out.buffer);
  out[0] = TOKEN_V2;
  out[1] = suite.id;
  out.set(hexToBytes(claims.kid), 2);
  out[6] = claims.statusIndex >>> 16;
  view.setUint16(7, claims.statusIndex & 0xffff);
  view.setUint16(9, typeCodeToNumber(claims.typeCode));
  view.setUint16(11, claims.epoch);
  view.setUint32(ANCHOR_START_AT, claims.intervalStart);
  view.setUint16(ANCHOR_WINDOW_AT, claims.windowSeconds);
  out[ANCHOR_LINKS_AT] = claims.links;
  view.setUint16(20, dayNumber(claims.validUntil));
  out[ANCHOR_FIXED_BYTES] = name.length;
  out.set(name, ANCHOR_FIXED_BYTES + 1);
  out[ANCHOR_FIXED_BYTES + 1 + name.length] = number.length;
  out.set(number, ANCHOR_FIXED_BYTES + 2 + name.length);
  return out;
}

/** What the signature of an anchor covers: body ‖ tip, the tip hashed down from the seed w_n. */
export function anchorSigningInput(body: Uint8Array, seed: Uint8Array): Uint8Array {
  const tip = hashDown(chainContext(body), seed, body[ANCHOR_LINKS_AT]!, 0);
  const out = new Uint8Array(body.length + CHAIN_VALUE_BYTES);
  out.set(body);
  out.set(tip, body.length);
  return out;
}

/** The anchor the holder keeps: body ‖ signature over body ‖ tip. */
export function signAnchor(
  claims: AnchorClaims,
  seed: Uint8Array,
  sign: (message: Uint8Array) => Uint8Array,
): { anchor: Uint8Array; body: Uint8Array; signature: Uint8Array } {
  const body = encodeAnchorBody(claims);
  const signature = sign(anchorSigningInput(body, seed));
  if (signature.length !== 64) throw new Error('signature must be 64 bytes');
  const anchor = new Uint8Array(body.length + 64);
  anchor.set(body);
  anchor.set(signature, body.length);
  return { anchor, body, signature };
}

/** Parses a version-2 token and recomputes the chain tip (i + 1 SM3 blocks). */
export function decodeTokenV2(bytes: Uint8Array): DecodedToken {
  const at = (i: number) => bytes[i] ?? 0;
  if (bytes.length < 2) throw new TokenFormatError('TRUNCATED', 'no alg');
  const suite = suiteById(at(1));
  if (!suite) throw new TokenFormatError('UNKNOWN_ALG', String(at(1)));
  const nameLength = at(ANCHOR_FIXED_BYTES);
  const numberAt = ANCHOR_FIXED_BYTES + 1 + nameLength;
  const bodyLength = numberAt + 1 + at(numberAt);
  const expected = bodyLength + TOKEN_V2_TAIL_BYTES;
  if (bytes.length < expected) throw new TokenFormatError('TRUNCATED', `${bytes.length} of ${expected} bytes`);
  if (bytes.length > expected) throw new TokenFormatError('TRAILING_BYTES', `${bytes.length - expected} extra bytes`);
  if (bodyLength - ANCHOR_FIXED_BYTES - 2 > TOKEN_V2_MAX_TEXT_BYTES)
    throw new TokenFormatError('TOO_LONG', 'name + number');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const typeCode = numberToTypeCode(view.getUint16(9));
  if (!typeCode) throw new TokenFormatError('BAD_TYPE_CODE', String(view.getUint16(9)));
  const windowSeconds = view.getUint16(ANCHOR_WINDOW_AT);
  const links = at(ANCHOR_LINKS_AT);
  const minute = at(bodyLength);
  if (windowSeconds === 0 || links === 0 || minute >= links)
    throw new TokenFormatError('BAD_WINDOW', `${windowSeconds}×${links}, minute ${minute}`);
  const holderNameMasked = decodeUtf8(bytes.subarray(ANCHOR_FIXED_BYTES + 1, numberAt));
  const numberMasked = decodeUtf8(bytes.subarray(numberAt + 1, bodyLength));
  if (holderNameMasked === null || numberMasked === null) throw new TokenFormatError('BAD_TEXT', 'not UTF-8');
  const body = bytes.subarray(0, bodyLength);
  const value = bytes.subarray(bodyLength + 1, bodyLength + 1 + CHAIN_VALUE_BYTES);
  const tip = hashDown(chainContext(body), value, minute + 1, 0);
  const signedBytes = new Uint8Array(bodyLength + CHAIN_VALUE_BYTES);
  signedBytes.set(body);
  signedBytes.set(tip, bodyLength);
  const start = view.getUint32(ANCHOR_START_AT);
  const notBefore = start + minute * windowSeconds;
  return {
    version: TOKEN_V2,
    claims: {
      alg: suite.alg,
      kid: bytesToHex(bytes.subarray(2, 6)),
      certificateId: null,
      typeCode,
      // Anchors are only signed for a valid certificate.
      status: 'VALID',
      epoch: view.getUint16(11),
      statusIndex: (at(6) << 16) | view.getUint16(7),
      notBefore,
      notAfter: notBefore + windowSeconds,
      validUntil: dayToDate(view.getUint16(20)),
      holderNameMasked,
      numberMasked,
    },
    signedBytes,
    signature: bytes.subarray(bodyLength + 1 + CHAIN_VALUE_BYTES),
    interval: { start, end: start + links * windowSeconds, minute, links },
  };
}
