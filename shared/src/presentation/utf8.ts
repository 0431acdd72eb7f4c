import { bytesToHex } from '@noble/hashes/utils.js';

/*
 * UTF-8 without TextEncoder/TextDecoder: WeChat's logic layer lacks both on many devices, and
 * everything here runs on the holder's and the verifier's phone (the weapp runtime test,
 * miniapp/src/weapp-runtime.test.ts, loads the build without them).
 */

/**
 * UTF-8 encode without TextEncoder, which WeChat's logic layer lacks on many devices (noble's
 * `utf8ToBytes` calls it). Same bytes as TextEncoder: a lone surrogate becomes U+FFFD.
 */
export function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3); // ≤ 3 bytes per UTF-16 unit (a pair: 4 for 2)
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = text.charCodeAt(i + 1); // NaN past the end
      if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 0x3f);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.slice(0, n);
}

/**
 * Strict UTF-8 decode without TextDecoder (absent in some mini-program runtimes):
 * decodeURIComponent rejects malformed sequences, and the round trip rejects the rest.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = decodeURIComponent(Array.from(bytes, (b) => '%' + b.toString(16).padStart(2, '0')).join(''));
    // Stryker disable next-line ConditionalExpression: equivalent on Node, whose decodeURIComponent is strict
    return bytesToHex(encodeUtf8(text)) === bytesToHex(bytes) ? text : null;
  } catch {
    return null;
  }
}
