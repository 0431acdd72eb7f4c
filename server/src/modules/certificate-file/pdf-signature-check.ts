import { sm3 } from '@roadcert/shared/presentation';

/*
 * The PDF signature's check on its own (no pdf-lib): verification of an uploaded file needs
 * only this, so the server does not load the PDF writer until it makes a file.
 */

export type PdfSignatureCheck = {
  problems: string[];
  signerKey: Uint8Array | null;
  dataJson: string | null;
};

const hexOf = (dict: string, key: string) => new RegExp(`/${key} <([0-9A-Fa-f]*)>`).exec(dict)?.[1] ?? null;

/**
 * Checks a PDF made by buildPdf: the last /ByteRange covers the whole file except the
 * /Contents hole, the hole holds one DER signature (zero padding only), and it verifies
 * over SM3 of the covered bytes with the key the dictionary carries.
 */
export function checkPdfSignature(
  pdf: Buffer,
  verify: (message: Uint8Array, signature: Uint8Array, spki: Uint8Array) => boolean,
): PdfSignatureCheck {
  const none = (p: string): PdfSignatureCheck => ({ problems: [p], signerKey: null, dataJson: null });
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('/ByteRange [');
  if (at < 0) return none('signature:missing');
  const m = /^\/ByteRange \[ ?(\d+) (\d+) (\d+) (\d+) ?\]/.exec(text.slice(at, at + 80));
  if (!m) return none('signature:byte-range');
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== pdf.length || b >= c || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e)
    return none('signature:byte-range');
  const dictStart = text.lastIndexOf('<<', at);
  const dictEnd = text.indexOf('>>\nendobj', at);
  if (dictStart < 0 || dictEnd < 0 || dictStart > b || dictEnd < c) return none('signature:dictionary');
  const dict = text.slice(dictStart, dictEnd);
  const hole = text.slice(b + 1, c - 1);
  if (!/^[0-9a-fA-F]*$/.test(hole)) return none('signature');
  const raw = Buffer.from(hole, 'hex');
  const derLength = raw[0] === 0x30 ? (raw[1] ?? 0) + 2 : 0;
  const signature = raw.subarray(0, derLength);
  const key = hexOf(dict, 'RoadCertKey');
  const data = hexOf(dict, 'RoadCertData');
  const signerKey = key ? new Uint8Array(Buffer.from(key, 'hex')) : null;
  const dataJson = data ? Buffer.from(data, 'hex').toString('utf8') : null;
  const problems: string[] = [];
  if (!signerKey || !dataJson) problems.push('signature:dictionary');
  const covered = Buffer.concat([pdf.subarray(a, b), pdf.subarray(c, c + d)]);
  if (derLength < 8 || raw.subarray(derLength).some((x) => x !== 0)) problems.push('signature');
  else if (signerKey && !verify(sm3(covered), signature, signerKey)) problems.push('signature');
  return { problems, signerKey, dataJson };
}
