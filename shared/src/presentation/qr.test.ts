import { hexToBytes } from '@noble/hashes/utils.js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrTextToToken, tokenQrSegments, tokenToQrText } from './qr-text';
import { ed25519Suite, kidOf, sm2Sm3Suite } from './suites';
import { decodeToken, encodeToken, fitTokenText, TOKEN_MAX_BYTES, type TokenClaims } from './token';

/**
 * The whole QR must stay at version ≤ 10 with error correction M, for the largest claims a
 * token carries, with a production-length base URL; and an independent decoder (jsQR, on the
 * rasterised PNG) must read back the same token.
 */
const BASE_URL = 'https://roadcert.jtt.example.gov.cn';
const sm2Private = hexToBytes('3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8');
const edPrivate = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');

const base: Omit<TokenClaims, 'alg' | 'kid' | 'holderNameMasked' | 'numberMasked'> = {
  certificateId: 'ffffffff-ffff-7fff-bfff-ffffffffffff',
  typeCode: 'D075',
  status: 'VALID',
  epoch: 65_535,
  statusIndex: 16_777_215,
  notBefore: 4_000_000_000,
  notAfter: 4_000_000_060,
  validUntil: '2099-12-31',
};

const worstCases: Array<[string, { holderNameMasked: string; numberMasked: string }]> = [
  [
    'person: long minority name, 18-char ID number',
    { holderNameMasked: '买*********', numberMasked: '6501**********123X' },
  ],
  [
    'operator: long company name, long licence number',
    fitTokenText(
      '新疆维吾尔自治区乌鲁木齐市天山区丝路国际物流运输有限责任公司',
      '新交运管许可乌鲁木齐字650100123456789号',
    ),
  ],
];

async function renderAndRead(text: string): Promise<{ version: number; read: string | null }> {
  const segments = tokenQrSegments(text);
  const qr = QRCode.create(segments, { errorCorrectionLevel: 'M' });
  const png: Buffer = await QRCode.toBuffer(segments, { errorCorrectionLevel: 'M', type: 'png', scale: 4, margin: 4 });
  const image = PNG.sync.read(png);
  const decoded = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    image.width,
    image.height,
  );
  return { version: qr.version, read: decoded?.data ?? null };
}

describe('QR size and independent decoding', () => {
  it.each(worstCases)(
    '%s: SM2 token within TOKEN_MAX_BYTES, QR version ≤ 10 at M, jsQR reads it back',
    async (_label, text) => {
      const suite = sm2Sm3Suite;
      const claims: TokenClaims = {
        ...base,
        ...text,
        alg: suite.alg,
        kid: kidOf(suite, suite.getPublicKey(sm2Private)),
      };
      const bytes = encodeToken(claims, (body) => suite.sign(body, sm2Private));
      expect(bytes.length).toBeLessThanOrEqual(TOKEN_MAX_BYTES);
      const qrText = tokenToQrText(BASE_URL, bytes);
      const { version, read } = await renderAndRead(qrText);
      expect(version).toBeLessThanOrEqual(10);
      expect(read).toBe(qrText);
      expect(decodeToken(qrTextToToken(read ?? '')).claims).toEqual(claims);
    },
  );

  it('an Ed25519 token of the same claims has the same size', async () => {
    const suite = ed25519Suite;
    const [, text] = worstCases[1]!;
    const claims: TokenClaims = { ...base, ...text, alg: suite.alg, kid: kidOf(suite, suite.getPublicKey(edPrivate)) };
    const bytes = encodeToken(claims, (body) => suite.sign(body, edPrivate));
    const { version, read } = await renderAndRead(tokenToQrText(BASE_URL, bytes));
    expect(version).toBeLessThanOrEqual(10);
    expect(qrTextToToken(read ?? '')).toEqual(bytes);
  });

  it('a typical driver token (2-char name) is smaller: version 9 or less', async () => {
    const claims: TokenClaims = {
      ...base,
      holderNameMasked: '张*',
      numberMasked: '4401**********8910',
      alg: 'SM2-SM3',
      kid: kidOf(sm2Sm3Suite, sm2Sm3Suite.getPublicKey(sm2Private)),
    };
    const bytes = encodeToken(claims, (body) => sm2Sm3Suite.sign(body, sm2Private));
    const { version } = await renderAndRead(tokenToQrText(BASE_URL, bytes));
    expect(bytes.length).toBe(126);
    expect(version).toBeLessThanOrEqual(9);
  });
});
