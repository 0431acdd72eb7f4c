import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { ANCHOR_FIXED_BYTES, ANCHOR_LINKS_AT, ANCHOR_WINDOW_AT, chainContext, deriveTokenV2, hashDown } from './chain';
import { ed25519Suite, kidOf, sm2Sm3Suite } from './suites';
import { decodeToken } from './token';
import {
  anchorSigningInput,
  encodeAnchorBody,
  MAX_CHAIN_LINKS,
  signAnchor,
  TOKEN_V2_MAX_TEXT_BYTES,
  TOKEN_V2_TAIL_BYTES,
  type AnchorClaims,
} from './token-v2';

/**
 * The version-2 byte format's own rules (docs/presentation-token.md, "Token format (version 2)"):
 * what the encoder refuses at each field's range boundary, what the decoder refuses in malformed
 * bytes, and that every field comes back as it went in. Signing runs inside the tests (not at
 * module load) so that the mutation run exercises it.
 */
const edPrivate = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const edKid = kidOf(ed25519Suite, ed25519Suite.getPublicKey(edPrivate));
const SEED = hexToBytes('0f0e0d0c0b0a09080706050403020100');
const claims: AnchorClaims = {
  alg: 'Ed25519',
  kid: edKid,
  statusIndex: 0xabcdef,
  typeCode: 'D013',
  epoch: 65_535,
  intervalStart: 1_795_000_000,
  windowSeconds: 60,
  links: 120,
  validUntil: null,
  holderNameMasked: '广州顺达物流有限公司',
  numberMasked: '粤交运管许可穗字440100***号',
};
const edSign = (message: Uint8Array) => ed25519Suite.sign(message, edPrivate);

/** The reason a call refused its input (TokenFormatError.reason), or 'none'. */
function reasonOf(call: () => unknown): string {
  try {
    call();
    return 'none';
  } catch (err) {
    return (err as { reason?: string }).reason ?? 'not a format error';
  }
}
const encodeWith = (patch: Partial<AnchorClaims>) => reasonOf(() => encodeAnchorBody({ ...claims, ...patch }));

describe('encodeAnchorBody refuses each field outside its range', () => {
  it.each([
    ['intervalStart', -1, 'BAD_WINDOW'],
    ['intervalStart', 0, 'none'],
    ['intervalStart', 0xffffffff, 'none'],
    ['intervalStart', 0x100000000, 'BAD_WINDOW'],
    ['intervalStart', 1.5, 'BAD_WINDOW'],
    ['windowSeconds', 0, 'BAD_WINDOW'],
    ['windowSeconds', 1, 'none'],
    ['windowSeconds', 0xffff, 'none'],
    ['windowSeconds', 0x10000, 'BAD_WINDOW'],
    ['links', 0, 'BAD_WINDOW'],
    ['links', 1, 'none'],
    ['links', MAX_CHAIN_LINKS, 'none'],
    ['links', MAX_CHAIN_LINKS + 1, 'BAD_WINDOW'],
    ['epoch', -1, 'BAD_TEXT'],
    ['epoch', 0, 'none'],
    ['epoch', 0x10000, 'BAD_TEXT'],
    ['statusIndex', -1, 'BAD_TEXT'],
    ['statusIndex', 0, 'none'],
    ['statusIndex', 0xffffff, 'none'],
    ['statusIndex', 0x1000000, 'BAD_TEXT'],
  ] as const)('%s = %d → %s', (field, value, reason) => {
    expect(encodeWith({ [field]: value })).toBe(reason);
  });

  it('the key id is exactly 8 lower-case hex digits', () => {
    expect(
      ['0123abcd', '0123ABCD', '0123abc', '0123abcde', 'x0123abcd', '0123abcdx', 'ghijklmn'].map((kid) =>
        encodeWith({ kid }),
      ),
    ).toEqual(['none', 'BAD_TEXT', 'BAD_TEXT', 'BAD_TEXT', 'BAD_TEXT', 'BAD_TEXT', 'BAD_TEXT']);
  });

  it('an unknown algorithm is UNKNOWN_ALG', () => {
    expect(encodeWith({ alg: 'RSA' as AnchorClaims['alg'] })).toBe('UNKNOWN_ALG');
  });

  it('name + number fill the text budget exactly, one byte more is TOO_LONG; the body is fixed part + 2 + texts', () => {
    const name = '张*'; // 4 bytes
    const fits = 'A'.repeat(TOKEN_V2_MAX_TEXT_BYTES - 4);
    expect(encodeAnchorBody({ ...claims, holderNameMasked: name, numberMasked: fits }).length).toBe(
      ANCHOR_FIXED_BYTES + 2 + TOKEN_V2_MAX_TEXT_BYTES,
    );
    expect(encodeWith({ holderNameMasked: name, numberMasked: `${fits}A` })).toBe('TOO_LONG');
    expect(encodeAnchorBody({ ...claims, holderNameMasked: '王*', numberMasked: '4401' }).length).toBe(
      ANCHOR_FIXED_BYTES + 2 + 4 + 4,
    );
  });
});

describe('signing an anchor', () => {
  it('signs body ‖ tip, the tip hashed down from the seed over every link; the anchor is body ‖ signature', () => {
    for (const [suite, privateKey, alg] of [
      [ed25519Suite, edPrivate, 'Ed25519'],
      [sm2Sm3Suite, hexToBytes('3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8'), 'SM2-SM3'],
    ] as const) {
      const kid = kidOf(suite, suite.getPublicKey(privateKey));
      let signed: Uint8Array | null = null;
      const { anchor, body, signature } = signAnchor({ ...claims, alg, kid }, SEED, (message) => {
        signed = message;
        return suite.sign(message, privateKey);
      });
      const tip = hashDown(chainContext(body), SEED, body[ANCHOR_LINKS_AT]!, 0);
      expect(signed).toEqual(new Uint8Array([...body, ...tip]));
      expect(anchorSigningInput(body, SEED)).toEqual(signed);
      expect(anchor).toEqual(new Uint8Array([...body, ...signature]));
      expect(signature.length).toBe(64);
    }
  });

  it('a signer that does not give 64 bytes is refused', () => {
    expect(() => signAnchor(claims, SEED, () => new Uint8Array(63))).toThrow('signature must be 64 bytes');
    expect(() => signAnchor(claims, SEED, () => new Uint8Array(65))).toThrow('signature must be 64 bytes');
  });
});

describe('decoding version 2', () => {
  const token = () => deriveTokenV2(signAnchor(claims, SEED, edSign).anchor, SEED, 7);
  const bodyLength = () => token().length - TOKEN_V2_TAIL_BYTES;

  it('gives back every field as it went in (long names, 长期, the status index’s high byte)', () => {
    const decoded = decodeToken(token());
    expect(decoded.claims).toMatchObject({
      alg: 'Ed25519',
      kid: edKid,
      statusIndex: 0xabcdef,
      typeCode: 'D013',
      epoch: 65_535,
      validUntil: null,
      holderNameMasked: '广州顺达物流有限公司',
      numberMasked: '粤交运管许可穗字440100***号',
      notBefore: 1_795_000_000 + 7 * 60,
      notAfter: 1_795_000_000 + 8 * 60,
    });
    expect(decoded.interval).toEqual({ start: 1_795_000_000, end: 1_795_000_000 + 7200, minute: 7, links: 120 });
    expect(decoded.signature.length).toBe(64);
  });

  it('refuses malformed bytes with their reasons', () => {
    const at = (patch: (bytes: Uint8Array) => void) => {
      const bytes = token();
      patch(bytes);
      return reasonOf(() => decodeToken(bytes));
    };
    expect(reasonOf(() => decodeToken(new Uint8Array([2])))).toBe('TRUNCATED');
    expect(at((b) => (b[1] = 9))).toBe('UNKNOWN_ALG');
    expect(at((b) => b.set([0xff, 0xff], 9))).toBe('BAD_TYPE_CODE');
    expect(at((b) => b.set([0, 0], ANCHOR_WINDOW_AT))).toBe('BAD_WINDOW');
    expect(at((b) => (b[ANCHOR_LINKS_AT] = 0))).toBe('BAD_WINDOW');
    // The minute must lie inside the chain: the last link is links − 1.
    expect(at((b) => (b[bodyLength()] = 119))).not.toBe('BAD_WINDOW');
    expect(at((b) => (b[bodyLength()] = 120))).toBe('BAD_WINDOW');
    expect(at((b) => (b[ANCHOR_FIXED_BYTES + 1] = 0xff))).toBe('BAD_TEXT'); // name not UTF-8
    expect(at((b) => (b[bodyLength() - 1] = 0xff))).toBe('BAD_TEXT'); // number not UTF-8
  });

  it('texts longer than the budget are TOO_LONG even when the length bytes are consistent', () => {
    const bytes = token();
    const body = bytes.subarray(0, bodyLength());
    const tail = bytes.subarray(bodyLength());
    const name = new Uint8Array(TOKEN_V2_MAX_TEXT_BYTES).fill(0x41); // with the number: over budget
    const numberLength = body[ANCHOR_FIXED_BYTES + 1 + body[ANCHOR_FIXED_BYTES]!]!;
    const number = body.subarray(body.length - numberLength);
    const long = new Uint8Array([
      ...body.subarray(0, ANCHOR_FIXED_BYTES),
      name.length,
      ...name,
      number.length,
      ...number,
      ...tail,
    ]);
    expect(reasonOf(() => decodeToken(long))).toBe('TOO_LONG');
    // Exactly at the budget the length check passes (the signature then decides).
    const fitting = new Uint8Array([
      ...body.subarray(0, ANCHOR_FIXED_BYTES),
      TOKEN_V2_MAX_TEXT_BYTES - number.length,
      ...name.subarray(0, TOKEN_V2_MAX_TEXT_BYTES - number.length),
      number.length,
      ...number,
      ...tail,
    ]);
    expect(reasonOf(() => decodeToken(fitting))).toBe('none');
  });
});
