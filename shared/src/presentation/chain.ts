import { base64urlDecode } from './base64url';
import { bytesToDigits } from './digits';
import { sm3 } from './sm3';

/**
 * Token version 2's hash chain (docs/presentation-token.md, "Token format (version 2)"):
 * what the holder's phone needs to derive each minute's token from an anchor the service
 * signed once for the interval. Only SM3, the digit codec and base64url — no curves — so
 * the holder screen carries no signature code.
 *
 *   ctx      = SM3(anchor body)[0..16]
 *   w_n      = the interval's seed (16 bytes, from the service)
 *   w_{k-1}  = SM3("RC" ‖ 0x02 ‖ ctx ‖ k ‖ w_k)[0..16]          k = n … 1
 *   tip      = w_0, signed with the body; the token of minute i reveals w_{i+1}
 *
 * A later minute's value gives every earlier one (hash down), never a later one (a preimage).
 */
export const TOKEN_V2 = 2;
export const CHAIN_VALUE_BYTES = 16;
/** Offsets in the anchor body (every field before the two texts is fixed). */
export const ANCHOR_START_AT = 13;
export const ANCHOR_WINDOW_AT = 17;
export const ANCHOR_LINKS_AT = 19;
export const ANCHOR_FIXED_BYTES = 22;
const STEP_TAG = [0x52, 0x43, TOKEN_V2] as const; // "RC", version 2

/** The chain's context: the first 16 bytes of SM3 over the anchor body (binds every field). */
export function chainContext(body: Uint8Array): Uint8Array {
  return sm3(body).subarray(0, CHAIN_VALUE_BYTES);
}

/**
 * The step is SM3 of exactly one 64-byte block — the 36 bytes "RC" ‖ 2 ‖ ctx ‖ k ‖ w, then
 * SM3's padding (0x80, zeros, the bit length 288) — so it is computed here on 32-bit words
 * without the streaming hasher: w sits at byte 20 (word 5) and comes out as the first four
 * words of the digest. A verifier walks up to CHAIN_LINKS steps per scan; through the general
 * sm3() a step cost ~2.5 µs inside checkToken. Pinned to sm3() and to an independent SM3 by
 * the tests.
 */
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e] as const;
const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const T_ROT = /* @__PURE__ */ Int32Array.from({ length: 64 }, (_, j) =>
  j % 32 === 0 ? (j < 16 ? 0x79cc4519 : 0x7a879d8a) : rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32),
);
const W = /* @__PURE__ */ new Int32Array(68);

function wordsOf(bytes: Uint8Array, at: number, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const o = at + 4 * i;
    out[i] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
  }
  return out;
}

function bytesOf(words: Int32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out[4 * i] = w >>> 24;
    out[4 * i + 1] = (w >>> 16) & 0xff;
    out[4 * i + 2] = (w >>> 8) & 0xff;
    out[4 * i + 3] = w & 0xff;
  }
  return out;
}

/** Words 0–4 of the step's block for a context (word 4's low byte is k, added per step). */
function contextWords(ctx: Uint8Array): Int32Array {
  const block = new Uint8Array(20);
  block.set(STEP_TAG, 0);
  block.set(ctx.subarray(0, CHAIN_VALUE_BYTES), STEP_TAG.length);
  return wordsOf(block, 0, 5);
}

/** One step in place: w ← SM3(block(ctx, k, w))[0..16]. */
function stepWords(c: Int32Array, k: number, w: Int32Array): void {
  W[0] = c[0]!;
  W[1] = c[1]!;
  W[2] = c[2]!;
  W[3] = c[3]!;
  W[4] = c[4]! | k;
  W[5] = w[0]!;
  W[6] = w[1]!;
  W[7] = w[2]!;
  W[8] = w[3]!;
  W[9] = 0x80000000 | 0;
  W[10] = 0;
  W[11] = 0;
  W[12] = 0;
  W[13] = 0;
  W[14] = 0;
  W[15] = 288; // the message length in bits
  for (let j = 16; j < 68; j++) {
    const x = W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15);
    W[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!;
  }
  let A = IV[0] | 0;
  let B = IV[1] | 0;
  let C = IV[2] | 0;
  let D = IV[3] | 0;
  let E = IV[4] | 0;
  let F = IV[5] | 0;
  let G = IV[6] | 0;
  let H = IV[7] | 0;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(A, 12);
    const ss1 = rotl((a12 + E + T_ROT[j]!) | 0, 7);
    const ss2 = ss1 ^ a12;
    const ff = j < 16 ? A ^ B ^ C : (A & B) | (A & C) | (B & C);
    const gg = j < 16 ? E ^ F ^ G : (E & F) | (~E & G);
    const tt1 = (ff + D + ss2 + (W[j]! ^ W[j + 4]!)) | 0;
    const tt2 = (gg + H + ss1 + W[j]!) | 0;
    D = C;
    C = rotl(B, 9);
    B = A;
    A = tt1;
    H = G;
    G = rotl(F, 19);
    F = E;
    E = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  w[0] = A ^ IV[0];
  w[1] = B ^ IV[1];
  w[2] = C ^ IV[2];
  w[3] = D ^ IV[3];
}

/** w_{k-1} from w_k: SM3("RC" ‖ 2 ‖ ctx ‖ k ‖ w_k)[0..16]. */
export function chainStep(ctx: Uint8Array, k: number, value: Uint8Array): Uint8Array {
  const w = wordsOf(value, 0, 4);
  stepWords(contextWords(ctx), k & 0xff, w);
  return bytesOf(w);
}

/** w_to from w_from (to ≤ from): from − to steps. */
export function hashDown(ctx: Uint8Array, value: Uint8Array, from: number, to: number): Uint8Array {
  const c = contextWords(ctx);
  const w = wordsOf(value, 0, 4);
  for (let k = from; k > to; k--) stepWords(c, k & 0xff, w);
  return bytesOf(w);
}

/** What the phone reads from an anchor to schedule it (the body is parsed fully by the verifier). */
export interface AnchorSchedule {
  /** Unix seconds. */
  start: number;
  windowSeconds: number;
  links: number;
  /** Bytes of the body (the rest of the anchor is the signature). */
  bodyLength: number;
}

/** null when the bytes are not a version-2 anchor (body ‖ 64-byte signature). */
export function anchorSchedule(anchor: Uint8Array): AnchorSchedule | null {
  if (anchor.length < ANCHOR_FIXED_BYTES + 2 + 64 || anchor[0] !== TOKEN_V2) return null;
  const view = new DataView(anchor.buffer, anchor.byteOffset, anchor.byteLength);
  const nameLength = anchor[ANCHOR_FIXED_BYTES]!;
  const numberAt = ANCHOR_FIXED_BYTES + 1 + nameLength;
  const bodyLength = numberAt + 1 + (anchor[numberAt] ?? 0);
  if (anchor.length !== bodyLength + 64) return null;
  const windowSeconds = view.getUint16(ANCHOR_WINDOW_AT);
  const links = anchor[ANCHOR_LINKS_AT]!;
  if (windowSeconds === 0 || links === 0) return null;
  return { start: view.getUint32(ANCHOR_START_AT), windowSeconds, links, bodyLength };
}

/**
 * The token of minute `minute` (0 … links − 1) of an anchor, from the interval's seed w_n:
 * body ‖ minute ‖ w_{minute+1} ‖ signature.
 */
export function deriveTokenV2(anchor: Uint8Array, seed: Uint8Array, minute: number): Uint8Array {
  const schedule = anchorSchedule(anchor);
  if (!schedule) throw new Error('not a version-2 anchor');
  if (seed.length !== CHAIN_VALUE_BYTES) throw new Error('seed must be 16 bytes');
  if (!Number.isInteger(minute) || minute < 0 || minute >= schedule.links) throw new Error('minute out of range');
  const body = anchor.subarray(0, schedule.bodyLength);
  const value = hashDown(chainContext(body), seed, schedule.links, minute + 1);
  const out = new Uint8Array(anchor.length + 1 + CHAIN_VALUE_BYTES);
  out.set(body, 0);
  out[body.length] = minute;
  out.set(value, body.length + 1);
  out.set(anchor.subarray(schedule.bodyLength), body.length + 1 + CHAIN_VALUE_BYTES);
  return out;
}

/** A held interval's token for the instant `nowMs` with its window, or null outside the interval. */
export function heldTokenAt(
  anchor: Uint8Array,
  seed: Uint8Array,
  nowMs: number,
): { bytes: Uint8Array; notBefore: number; notAfter: number } | null {
  const schedule = anchorSchedule(anchor);
  if (!schedule) return null;
  const minute = Math.floor((nowMs / 1000 - schedule.start) / schedule.windowSeconds);
  if (minute < 0 || minute >= schedule.links) return null;
  const notBefore = (schedule.start + minute * schedule.windowSeconds) * 1000;
  return {
    bytes: deriveTokenV2(anchor, seed, minute),
    notBefore,
    notAfter: notBefore + schedule.windowSeconds * 1000,
  };
}

/** The QR text of token bytes (as tokenToQrText, without the codec's error types). */
export function chainQrText(baseUrl: string, bytes: Uint8Array): string {
  return `${baseUrl.replace(/\/+$/, '')}/v/${bytesToDigits(bytes)}`;
}

/** One interval as the holder's material carries it (presentationIntervalSchema): base64url texts. */
export interface HeldInterval {
  anchor: string;
  seed: string;
}

/** A held token as the screen shows it: the QR text and its window (epoch ms). */
export interface HeldQr {
  qrText: string;
  notBefore: number;
  notAfter: number;
}

/**
 * The QR to show at `nowMs` from the holder's material, or null when no interval covers it.
 * Malformed intervals are skipped (the phone keeps whatever it was given).
 */
export function heldQrAt(
  material: { qrBaseUrl: string; intervals: readonly HeldInterval[] },
  nowMs: number,
): HeldQr | null {
  for (const interval of material.intervals) {
    const anchor = base64urlDecode(interval.anchor);
    const seed = base64urlDecode(interval.seed);
    if (!anchor || !seed || seed.length !== CHAIN_VALUE_BYTES) continue;
    const held = heldTokenAt(anchor, seed, nowMs);
    if (held)
      return {
        qrText: chainQrText(material.qrBaseUrl, held.bytes),
        notBefore: held.notBefore,
        notAfter: held.notAfter,
      };
  }
  return null;
}
