import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { base64urlEncode } from './base64url';
import {
  ANCHOR_FIXED_BYTES,
  ANCHOR_LINKS_AT,
  ANCHOR_WINDOW_AT,
  anchorSchedule,
  chainQrText,
  deriveTokenV2,
  heldQrAt,
  heldTokenAt,
} from './chain';
import { ed25519Suite, kidOf } from './suites';
import { decodeToken } from './token';
import { signAnchor, type AnchorClaims } from './token-v2';

/**
 * The holder side of token version 2 (chain.ts): which bytes are an anchor, which minutes a seed
 * may derive, the window of the token held at an instant, and the QR of the held material.
 * Anchors are signed inside the tests so that the mutation run exercises the code.
 */
const edPrivate = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const SEED = hexToBytes('00112233445566778899aabbccddeeff');
const START = 1_795_003_200;
const claimsWith = (patch: Partial<AnchorClaims> = {}): AnchorClaims => ({
  alg: 'Ed25519',
  kid: kidOf(ed25519Suite, ed25519Suite.getPublicKey(edPrivate)),
  statusIndex: 4_242,
  typeCode: 'D071',
  epoch: 1,
  intervalStart: START,
  windowSeconds: 90,
  links: 80,
  validUntil: '2030-01-31',
  holderNameMasked: '李*',
  numberMasked: '4401**********1234',
  ...patch,
});
const anchorOf = (patch: Partial<AnchorClaims> = {}) =>
  signAnchor(claimsWith(patch), SEED, (message) => ed25519Suite.sign(message, edPrivate)).anchor;

describe('anchorSchedule', () => {
  it('reads start, window, links and the body length of a signed anchor', () => {
    const anchor = anchorOf();
    expect(anchorSchedule(anchor)).toEqual({
      start: START,
      windowSeconds: 90,
      links: 80,
      bodyLength: anchor.length - 64,
    });
  });

  it('the shortest anchor (both texts empty: fixed part + 2 + 64 bytes) is one', () => {
    const anchor = anchorOf({ holderNameMasked: '', numberMasked: '' });
    expect(anchor.length).toBe(ANCHOR_FIXED_BYTES + 2 + 64);
    expect(anchorSchedule(anchor)?.bodyLength).toBe(ANCHOR_FIXED_BYTES + 2);
  });

  it('is null for bytes that are not a version-2 anchor', () => {
    const anchor = anchorOf();
    const patched = (patch: (bytes: Uint8Array) => void) => {
      const bytes = anchor.slice();
      patch(bytes);
      return anchorSchedule(bytes);
    };
    expect(anchorSchedule(anchor.subarray(0, ANCHOR_FIXED_BYTES + 2 + 63))).toBeNull();
    expect(anchorSchedule(anchor.subarray(0, anchor.length - 1))).toBeNull();
    expect(anchorSchedule(new Uint8Array([...anchor, 0]))).toBeNull();
    expect(patched((b) => (b[0] = 1))).toBeNull();
    expect(patched((b) => b.set([0, 0], ANCHOR_WINDOW_AT))).toBeNull();
    expect(patched((b) => (b[ANCHOR_LINKS_AT] = 0))).toBeNull();
  });
});

describe('deriveTokenV2', () => {
  it('derives minutes 0 … links − 1 and refuses every other minute, a bad seed and a non-anchor', () => {
    const anchor = anchorOf();
    expect(decodeToken(deriveTokenV2(anchor, SEED, 0)).interval?.minute).toBe(0);
    expect(decodeToken(deriveTokenV2(anchor, SEED, 79)).interval?.minute).toBe(79);
    for (const minute of [-1, 80, 81, 1.5, Number.NaN])
      expect(() => deriveTokenV2(anchor, SEED, minute)).toThrow('minute out of range');
    expect(() => deriveTokenV2(anchor, SEED.subarray(0, 15), 0)).toThrow('seed must be 16 bytes');
    expect(() => deriveTokenV2(anchor.subarray(1), SEED, 0)).toThrow('not a version-2 anchor');
  });
});

describe('heldTokenAt', () => {
  it('holds minute 0 from the first millisecond and gives each token its whole window', () => {
    const anchor = anchorOf();
    const first = heldTokenAt(anchor, SEED, START * 1000)!;
    expect(first).toMatchObject({ notBefore: START * 1000, notAfter: (START + 90) * 1000 });
    expect(decodeToken(first.bytes).interval?.minute).toBe(0);
    const later = heldTokenAt(anchor, SEED, (START + 5 * 90 + 89) * 1000)!;
    expect(later).toMatchObject({ notBefore: (START + 450) * 1000, notAfter: (START + 540) * 1000 });
    expect(heldTokenAt(anchor, SEED, (START + 80 * 90) * 1000 - 1)).not.toBeNull();
    expect(heldTokenAt(anchor, SEED, (START + 80 * 90) * 1000)).toBeNull();
    expect(heldTokenAt(anchor.subarray(1), SEED, START * 1000)).toBeNull();
  });
});

describe('the QR of the held material', () => {
  it('drops every trailing slash of the base URL', () => {
    expect(chainQrText('https://x.example//', new Uint8Array([2]))).toMatch(/^https:\/\/x\.example\/v\/\d+$/);
  });

  it('skips malformed intervals and takes the one covering the instant', () => {
    const anchor = base64urlEncode(anchorOf());
    const later = base64urlEncode(anchorOf({ intervalStart: START + 80 * 90 }));
    const seed = base64urlEncode(SEED);
    const material = {
      qrBaseUrl: 'https://x.example/',
      intervals: [
        { anchor: '!!', seed },
        { anchor, seed: '!!' },
        { anchor, seed: base64urlEncode(SEED.subarray(0, 15)) },
        { anchor: later, seed },
        { anchor, seed },
      ],
    };
    const now = (START + 100) * 1000;
    const held = heldQrAt(material, now)!;
    expect(held).toMatchObject({ notBefore: (START + 90) * 1000, notAfter: (START + 180) * 1000 });
    expect(held.qrText).toBe(chainQrText('https://x.example', deriveTokenV2(anchorOf(), SEED, 1)));
    expect(heldQrAt(material, (START + 80 * 90 + 10) * 1000)?.notBefore).toBe((START + 80 * 90) * 1000);
    expect(heldQrAt(material, (START - 1) * 1000)).toBeNull();
    expect(heldQrAt({ ...material, intervals: material.intervals.slice(0, 3) }, now)).toBeNull();
  });
});
