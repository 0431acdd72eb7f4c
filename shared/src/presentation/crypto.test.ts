import { readFileSync } from 'node:fs';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { createSm2, SM2_DEFAULT_USER_ID, sm2 } from './sm2';
import { sm3 } from './sm3';
import { ed25519Suite, kidOf, sm2Sm3Suite } from './suites';

describe('SM3 (GB/T 32905-2016 Annex A)', () => {
  it('A.1: "abc"', () => {
    expect(bytesToHex(sm3(utf8ToBytes('abc')))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
  it('A.2: "abcd" × 16 (one full block plus padding block)', () => {
    expect(bytesToHex(sm3(utf8ToBytes('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
  it('streams: chunked updates give the one-shot digest', () => {
    const data = utf8ToBytes('道路运输电子证照'.repeat(40));
    const h = sm3.create();
    for (let i = 0; i < data.length; i += 37) h.update(data.subarray(i, i + 37));
    expect(bytesToHex(h.digest())).toBe(bytesToHex(sm3(data)));
  });
});

/** GB/T 32918.2 Annex A example curve and key, as in Botan's src/tests/data/pubkey/sm2_sig.vec. */
const exampleCurve = createSm2({
  p: 0x8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3n,
  a: 0x787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498n,
  b: 0x63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249an,
  Gx: 0x421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43dn,
  Gy: 0x0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2n,
  n: 0x8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7n,
  h: 1n,
});
const kat = {
  ident: 'ALICE123@YAHOO.COM',
  msg: hexToBytes('6d65737361676520646967657374'), // "message digest"
  d: hexToBytes('128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263'),
  k: 0x6cb28d99385c175c94f94e934817663fc176d925dd72b727260dbaae1fb2f96fn,
  signature:
    '40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d16fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7',
};

describe('SM2 known answer (GB/T 32918.2 Annex A / Botan sm2_sig.vec, ID ALICE123@YAHOO.COM)', () => {
  const publicKey = exampleCurve.getPublicKey(kat.d);

  it('derives the Annex A public key', () => {
    expect(bytesToHex(publicKey)).toBe(
      '04' +
        '0ae4c7798aa0f119471bee11825be46202bb79e2a5844495e97c04ff4df2548a' +
        '7c0240f88f1cd4e16352a73c17b7f16f07353e53a176d684a9fe0c6bb798e857',
    );
  });

  it('signs with the fixed k to the published r‖s', () => {
    expect(bytesToHex(exampleCurve.sign(kat.msg, kat.d, { userId: kat.ident, k: kat.k }))).toBe(kat.signature);
  });

  it('verifies the published signature, and not with another user id or a flipped bit', () => {
    const sig = hexToBytes(kat.signature);
    expect(exampleCurve.verify(sig, kat.msg, publicKey, { userId: kat.ident })).toBe(true);
    expect(exampleCurve.verify(sig, kat.msg, publicKey, { userId: SM2_DEFAULT_USER_ID })).toBe(false);
    for (const bit of [0, 7, 255, 256, 511]) {
      const flipped = sig.slice();
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
      expect(exampleCurve.verify(flipped, kat.msg, publicKey, { userId: kat.ident })).toBe(false);
    }
    const otherMessage = kat.msg.slice();
    otherMessage[0] = otherMessage[0]! ^ 1;
    expect(exampleCurve.verify(sig, otherMessage, publicKey, { userId: kat.ident })).toBe(false);
  });
});

describe('SM2 on the recommended curve: interop with sm-crypto-v2 (standard user id)', () => {
  const ours = sm2();
  const opts = { hash: true, der: false, userId: SM2_DEFAULT_USER_ID };

  it('every signature of ours verifies there, and every one of theirs here (8 keys, varied messages)', () => {
    // Each new key builds its verification table (tens of ms): few keys, as in real use.
    for (let i = 0; i < 8; i++) {
      const { privateKey, publicKey } = smCrypto.generateKeyPairHex();
      expect(bytesToHex(ours.getPublicKey(hexToBytes(privateKey)))).toBe(publicKey);
      const message = utf8ToBytes(`核验 ${i} `.repeat(i + 1));
      const mine = ours.sign(message, hexToBytes(privateKey));
      expect(smCrypto.doVerifySignature(message, bytesToHex(mine), publicKey, opts)).toBe(true);
      const theirs = smCrypto.doSignature(message, privateKey, opts);
      expect(ours.verify(hexToBytes(theirs.padStart(128, '0')), message, hexToBytes(publicKey))).toBe(true);
    }
  }, 60_000);

  it('rejects r or s out of range, wrong lengths and points off the curve', () => {
    const d = ours.randomPrivateKey();
    const pub = ours.getPublicKey(d);
    const msg = utf8ToBytes('x');
    const sig = ours.sign(msg, d);
    const n = hexToBytes('fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
    expect(ours.verify(new Uint8Array(64), msg, pub)).toBe(false);
    expect(ours.verify(Uint8Array.from([...n, ...sig.subarray(32)]), msg, pub)).toBe(false);
    expect(ours.verify(Uint8Array.from([...sig.subarray(0, 32), ...n]), msg, pub)).toBe(false);
    expect(ours.verify(sig.subarray(0, 63), msg, pub)).toBe(false);
    const offCurve = pub.slice();
    offCurve[64] = offCurve[64]! ^ 1;
    expect(ours.verify(sig, msg, offCurve)).toBe(false);
    expect(ours.verify(sig, msg, pub)).toBe(true);
  });

  it('rejects private keys outside [1, n−2]', () => {
    expect(() => ours.getPublicKey(new Uint8Array(32))).toThrow();
    expect(() => ours.getPublicKey(new Uint8Array(31).fill(1))).toThrow();
  });
});

type WycheproofCase = { tcId: number; result: 'valid' | 'invalid'; msg: string; sig: string };
const wycheproof = JSON.parse(readFileSync(new URL('./fixtures/ed25519-wycheproof.json', import.meta.url), 'utf8')) as {
  publicKey: string;
  tests: WycheproofCase[];
};

describe('Ed25519 suite', () => {
  it.each([
    // RFC 8032 §7.1 TEST 1–3
    [
      '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      '',
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    ],
    [
      '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      '72',
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    ],
    [
      'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
      'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
      'af82',
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
    ],
  ])('RFC 8032 vector with secret %s', (secret, publicKey, message, signature) => {
    expect(bytesToHex(ed25519Suite.getPublicKey(hexToBytes(secret)))).toBe(publicKey);
    expect(bytesToHex(ed25519Suite.sign(hexToBytes(message), hexToBytes(secret)))).toBe(signature);
    expect(ed25519Suite.verify(hexToBytes(signature), hexToBytes(message), hexToBytes(publicKey))).toBe(true);
  });

  it.each(wycheproof.tests.map((t) => [t.tcId, t.result, t] as const))('Wycheproof tcId %i is %s', (_id, result, t) => {
    expect(ed25519Suite.verify(hexToBytes(t.sig), hexToBytes(t.msg), hexToBytes(wycheproof.publicKey))).toBe(
      result === 'valid',
    );
  });
});

describe('key ids', () => {
  it('are 8 hex digits that differ by algorithm and key', () => {
    const sm2Key = sm2().getPublicKey(sm2().randomPrivateKey());
    const edKey = ed25519Suite.getPublicKey(
      hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
    );
    expect(kidOf(sm2Sm3Suite, sm2Key)).toMatch(/^[0-9a-f]{8}$/);
    expect(kidOf(ed25519Suite, edKey)).not.toBe(kidOf(sm2Sm3Suite, sm2Key));
  });
});

describe('fixed-base tables (verification walk)', () => {
  it('k·P from the table equals noble’s k·P for edge and random scalars', async () => {
    const { buildFixedBaseTable, addMultiple, affineXEquals } = await import('./fixed-base');
    const { Point } = sm2();
    const { SM2_CURVE } = await import('./sm2');
    const P = Point.BASE.multiply(0x1234567890abcdefn);
    const table = buildFixedBaseTable(Point, P);
    const n = SM2_CURVE.n;
    const scalars = [1n, 2n, 127n, 128n, 129n, 255n, 256n, 0x80808080n, (1n << 255n) - 1n, 1n << 255n, n - 1n, n - 2n];
    for (let i = 0; i < 20; i++) scalars.push(BigInt('0x' + bytesToHex(sm2().randomPrivateKey())));
    for (const k of scalars) {
      const acc = { X: 0n, Y: 0n, Z: 0n };
      addMultiple(acc, table, k, SM2_CURVE.a, SM2_CURVE.p);
      expect(affineXEquals(acc, P.multiply(k).toAffine().x, SM2_CURVE.p)).toBe(true);
    }
  });
});
