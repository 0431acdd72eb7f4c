import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { sm3 as referenceSm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { anchorSchedule, chainContext, chainQrText, chainStep, deriveTokenV2, hashDown, heldTokenAt } from './chain';
import { qrTextToToken, tokenQrSegments, tokenToQrText } from './qr-text';
import { ed25519Suite, kidOf, sm2Sm3Suite } from './suites';
import { decodeToken, encodeToken, fitTokenText } from './token';
import {
  encodeAnchorBody,
  signAnchor,
  TOKEN_V2_MAX_BYTES,
  TOKEN_V2_MAX_TEXT_BYTES,
  type AnchorClaims,
} from './token-v2';
import { checkToken, type TrustedKey } from './verify';

/**
 * Token version 2 (docs/presentation-token.md, "Token format (version 2)"): derivation
 * vectors, the chain against an independent SM3, and every way a derived token can be
 * wrong — forged, altered, replayed late, of another minute or interval, of another epoch.
 */
const edPrivate = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const edPublic = ed25519Suite.getPublicKey(edPrivate);
const edKid = kidOf(ed25519Suite, edPublic);
const sm2Private = hexToBytes('3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8');
const sm2Public = sm2Sm3Suite.getPublicKey(sm2Private);
const sm2Kid = kidOf(sm2Sm3Suite, sm2Public);
const keys: TrustedKey[] = [
  { kid: edKid, alg: 'Ed25519', publicKey: edPublic, verifyUntil: null },
  { kid: sm2Kid, alg: 'SM2-SM3', publicKey: sm2Public, verifyUntil: null },
];

/** 2026-11-27 10:00 Beijing, an interval boundary for 2-hour intervals. */
const START = Date.parse('2026-11-27T02:00:00Z') / 1000;
const anchorClaims: AnchorClaims = {
  alg: 'Ed25519',
  kid: edKid,
  statusIndex: 70_001,
  typeCode: 'D071',
  epoch: 3,
  intervalStart: START,
  windowSeconds: 60,
  links: 120,
  validUntil: '2031-06-30',
  holderNameMasked: '张*',
  numberMasked: '4401**********8910',
};
const SEED = hexToBytes('000102030405060708090a0b0c0d0e0f');
const edSign = (message: Uint8Array) => ed25519Suite.sign(message, edPrivate);
const { anchor } = signAnchor(anchorClaims, SEED, edSign);
const minuteAt = (minute: number, seconds = 10) => (START + minute * 60 + seconds) * 1000;
const check = (bytes: Uint8Array, now: number) => checkToken(bytes, { keys, now });

/** The chain step with sm-crypto-v2's SM3: an independent implementation of the same definition. */
function referenceStep(ctx: Uint8Array, k: number, value: Uint8Array): Uint8Array {
  const input = new Uint8Array([0x52, 0x43, 0x02, ...ctx, k, ...value]);
  return hexToBytes(referenceSm3(input)).subarray(0, 16);
}

describe('derivation', () => {
  it('each step is SM3("RC" ‖ 2 ‖ ctx ‖ k ‖ w)[0..16], as an independent SM3 computes it', () => {
    const body = encodeAnchorBody(anchorClaims);
    const ctx = chainContext(body);
    expect(bytesToHex(ctx)).toBe(referenceSm3(body).slice(0, 32));
    let ours: Uint8Array = SEED;
    let theirs: Uint8Array = SEED;
    for (let k = 120; k > 0; k--) {
      ours = chainStep(ctx, k, ours);
      theirs = referenceStep(ctx, k, theirs);
    }
    expect(bytesToHex(ours)).toBe(bytesToHex(theirs));
    expect(bytesToHex(hashDown(ctx, SEED, 120, 0))).toBe(bytesToHex(ours));
  });

  it('pins the vectors (anchor body, context, tip, the values of minutes 0, 1 and 119)', () => {
    const body = encodeAnchorBody(anchorClaims);
    const ctx = chainContext(body);
    expect(bytesToHex(body)).toBe(
      '0202' +
        edKid +
        '011171' +
        '0fe7' +
        '0003' +
        START.toString(16).padStart(8, '0') +
        '003c' +
        '78' +
        '57bc' +
        '04' +
        'e5bca02a' +
        '12' +
        bytesToHex(new TextEncoder().encode('4401**********8910')),
    );
    expect({
      ctx: bytesToHex(ctx),
      tip: bytesToHex(hashDown(ctx, SEED, 120, 0)),
      minute0: bytesToHex(hashDown(ctx, SEED, 120, 1)),
      minute1: bytesToHex(hashDown(ctx, SEED, 120, 2)),
      minute119: bytesToHex(hashDown(ctx, SEED, 120, 120)),
    }).toMatchSnapshot();
    expect(bytesToHex(hashDown(ctx, SEED, 120, 120))).toBe(bytesToHex(SEED));
  });

  it('the token of minute i carries w_{i+1}; hashing it once gives minute i − 1’s value', () => {
    const t5 = decodeToken(deriveTokenV2(anchor, SEED, 5));
    const t4 = decodeToken(deriveTokenV2(anchor, SEED, 4));
    expect(t5.interval).toEqual({ start: START, end: START + 7200, minute: 5, links: 120 });
    expect(t5.claims).toMatchObject({ certificateId: null, statusIndex: 70_001, epoch: 3, notBefore: START + 300 });
    expect(t5.claims.notAfter).toBe(START + 360);
    expect(bytesToHex(t5.signedBytes)).toBe(bytesToHex(t4.signedBytes)); // both lead to the same tip
  });

  it('heldTokenAt picks the minute of the instant and nothing outside the interval', () => {
    const held = heldTokenAt(anchor, SEED, minuteAt(42, 59.9))!;
    expect(held.notBefore).toBe((START + 42 * 60) * 1000);
    expect(decodeToken(held.bytes).interval?.minute).toBe(42);
    expect(heldTokenAt(anchor, SEED, START * 1000 - 1)).toBeNull();
    expect(heldTokenAt(anchor, SEED, (START + 7200) * 1000)).toBeNull();
    expect(anchorSchedule(anchor)).toEqual({
      start: START,
      windowSeconds: 60,
      links: 120,
      bodyLength: anchor.length - 64,
    });
    expect(chainQrText('https://x.example/', held.bytes)).toBe(tokenToQrText('https://x.example', held.bytes));
  });
});

describe('checkToken on version 2', () => {
  it.each([0, 1, 60, 119])('minute %i verifies inside its window, SM2 and Ed25519', (minute) => {
    expect(check(deriveTokenV2(anchor, SEED, minute), minuteAt(minute))).toMatchObject({
      verdict: 'VALID',
      interval: { minute },
    });
    const sm2Anchor = signAnchor({ ...anchorClaims, alg: 'SM2-SM3', kid: sm2Kid }, SEED, (m) =>
      sm2Sm3Suite.sign(m, sm2Private),
    ).anchor;
    expect(check(deriveTokenV2(sm2Anchor, SEED, minute), minuteAt(minute)).verdict).toBe('VALID');
  });

  it('a screenshot replayed after its window ± skew is TOKEN_EXPIRED; shown early, NOT_YET_VALID', () => {
    const token = deriveTokenV2(anchor, SEED, 10);
    expect(check(token, (START + 11 * 60 + 90) * 1000).verdict).toBe('VALID'); // within skew
    expect(check(token, (START + 11 * 60 + 91) * 1000).verdict).toBe('TOKEN_EXPIRED');
    expect(check(token, (START + 10 * 60 - 91) * 1000).verdict).toBe('NOT_YET_VALID');
  });

  it('claiming another minute with a revealed value fails the signature (INVALID)', () => {
    const token = deriveTokenV2(anchor, SEED, 10);
    const minuteAtByte = anchor.length - 64;
    for (const minute of [9, 11, 0, 119]) {
      const shifted = token.slice();
      shifted[minuteAtByte] = minute;
      expect(check(shifted, minuteAt(minute)).verdict).toBe('INVALID');
    }
  });

  it('a value from earlier minutes cannot be moved forward: hashing only goes back', () => {
    // The holder of minute 10's token knows w_11 and every w_k for k ≤ 11, nothing later.
    const token = deriveTokenV2(anchor, SEED, 10);
    const body = token.subarray(0, anchor.length - 64);
    const w11 = token.subarray(body.length + 1, body.length + 17);
    const forged = token.slice();
    forged[body.length] = 11;
    forged.set(chainStep(chainContext(body), 11, w11), body.length + 1); // w_10, a guess at w_12 that is wrong
    expect(check(forged, minuteAt(11)).verdict).toBe('INVALID');
  });

  it('altered fields, value or signature: INVALID; a wrong seed: INVALID', () => {
    const token = deriveTokenV2(anchor, SEED, 3);
    const bodyLength = anchor.length - 64;
    for (const at of [2, 6, 8, 10, 12, 14, 18, 19, 21, 23, bodyLength + 1, bodyLength + 16, token.length - 1]) {
      const altered = token.slice();
      altered[at] = altered[at]! ^ 0x01;
      expect(check(altered, minuteAt(3)).verdict, `byte ${at}`).not.toBe('VALID');
    }
    expect(check(deriveTokenV2(anchor, hexToBytes('ff'.repeat(16)), 3), minuteAt(3)).verdict).toBe('INVALID');
  });

  it("another interval's anchor with this interval's values, or another status index, is INVALID", () => {
    const next = signAnchor({ ...anchorClaims, intervalStart: START + 7200 }, SEED, edSign).anchor;
    const mine = deriveTokenV2(anchor, SEED, 3);
    const spliced = deriveTokenV2(next, SEED, 3);
    spliced.set(mine.subarray(anchor.length - 64 + 1, anchor.length - 64 + 17), next.length - 64 + 1);
    // Same seed on purpose (the service derives a seed per interval): the chain context differs anyway.
    expect(check(spliced, (START + 7200 + 190) * 1000).verdict).toBe('INVALID');
    const otherCert = deriveTokenV2(anchor, SEED, 3);
    otherCert[8] = otherCert[8]! ^ 0x02; // status index
    expect(check(otherCert, minuteAt(3)).verdict).toBe('INVALID');
  });

  it('names the epoch and the status index, and the offline status list still decides', () => {
    const token = deriveTokenV2(anchor, SEED, 7);
    const revoked = checkToken(token, { keys, now: minuteAt(7), statusAt: (i) => (i === 70_001 ? 1 : 0) });
    expect(revoked.verdict).toBe('NOT_VALID');
    expect(revoked.claims).toMatchObject({ epoch: 3, statusIndex: 70_001 });
  });

  it('version 1 tokens still verify beside version 2', () => {
    const v1 = encodeToken(
      {
        alg: 'Ed25519',
        kid: edKid,
        certificateId: '0192f6a8-7b3c-7def-8a12-3456789abcde',
        typeCode: 'D071',
        status: 'VALID',
        epoch: 3,
        statusIndex: 5,
        notBefore: START,
        notAfter: START + 60,
        validUntil: null,
        holderNameMasked: '张*',
        numberMasked: '1',
      },
      (body) => edSign(body),
    );
    expect(check(v1, (START + 10) * 1000)).toMatchObject({
      verdict: 'VALID',
      claims: { certificateId: expect.any(String) },
    });
  });

  it('format errors have their reasons', () => {
    const token = deriveTokenV2(anchor, SEED, 3);
    expect(check(token.subarray(0, token.length - 1), minuteAt(3)).formatError).toBe('TRUNCATED');
    expect(check(Uint8Array.from([...token, 0]), minuteAt(3)).formatError).toBe('TRAILING_BYTES');
    const badMinute = token.slice();
    badMinute[anchor.length - 64] = 120;
    expect(check(badMinute, minuteAt(3)).formatError).toBe('BAD_WINDOW');
  });
});

describe('QR size (version 2)', () => {
  const BASE_URL = 'https://roadcert.jtt.example.gov.cn';
  const worst: AnchorClaims = {
    ...anchorClaims,
    alg: 'SM2-SM3',
    kid: sm2Kid,
    statusIndex: 16_777_215,
    epoch: 65_535,
    intervalStart: 4_000_000_000,
    validUntil: '2099-12-31',
  };
  const cases: Array<[string, number, { holderNameMasked: string; numberMasked: string }]> = [
    ['typical driver', 9, { holderNameMasked: '王*', numberMasked: '4401**********8910' }],
    ['long minority name', 9, { holderNameMasked: '买*********', numberMasked: '6501**********123X' }],
    [
      'operator, long name shortened',
      10,
      fitTokenText(
        '新疆维吾尔自治区乌鲁木齐市天山区丝路国际物流运输有限责任公司',
        '新交运管许可乌鲁木齐字650100123456789号',
        TOKEN_V2_MAX_TEXT_BYTES,
      ),
    ],
  ];

  it.each(cases)('%s: QR version ≤ %i at M, jsQR reads it back', async (_label, maxVersion, text) => {
    const signed = signAnchor({ ...worst, ...text }, SEED, (m) => sm2Sm3Suite.sign(m, sm2Private)).anchor;
    const token = deriveTokenV2(signed, SEED, 119);
    expect(token.length).toBeLessThanOrEqual(TOKEN_V2_MAX_BYTES);
    const qrText = tokenToQrText(BASE_URL, token);
    const segments = tokenQrSegments(qrText);
    const qr = QRCode.create(segments, { errorCorrectionLevel: 'M' });
    expect(qr.version).toBeLessThanOrEqual(maxVersion);
    const png = PNG.sync.read(await QRCode.toBuffer(segments, { errorCorrectionLevel: 'M', type: 'png', scale: 4 }));
    const read = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      png.width,
      png.height,
    );
    expect(bytesToHex(qrTextToToken(read!.data))).toBe(bytesToHex(token));
  });

  it('the text budget fills exactly TOKEN_V2_MAX_BYTES', () => {
    const full = signAnchor(
      { ...worst, holderNameMasked: 'a'.repeat(TOKEN_V2_MAX_TEXT_BYTES - 1), numberMasked: '1' },
      SEED,
      (m) => sm2Sm3Suite.sign(m, sm2Private),
    ).anchor;
    expect(deriveTokenV2(full, SEED, 0)).toHaveLength(TOKEN_V2_MAX_BYTES);
    expect(() =>
      encodeAnchorBody({ ...worst, holderNameMasked: 'a'.repeat(TOKEN_V2_MAX_TEXT_BYTES), numberMasked: '1' }),
    ).toThrow('TOO_LONG');
  });
});
