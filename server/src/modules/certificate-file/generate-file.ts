import { chineseDate, getCertificateType } from '@roadcert/shared';
import { canonicalJson } from '../../lib/audit';
import type { CanonicalCertificateData } from '../certificates';
import { glyphOf } from './face-font';
import { layoutFace, type FaceContent, type FaceRow, type Measure } from './face-layout';
import { buildOfd } from './ofd-package';
import type { FileSigner } from './ofd-signature';
import { buildPdf } from './pdf-file';

/**
 * One certificate file: the face of a certificate's signed data, as a signed OFD package and
 * a signed PDF (docs/certificate-file.md). Pure apart from the signer: the caller brings the
 * data, the face rows, the portrait and the verify link.
 */

export type CertificateFileSource = {
  data: CanonicalCertificateData;
  /** The per-type face fields in registry order (certificates' faceDetails). */
  details: FaceRow[];
  portraitJpeg: Buffer | null;
  verifyUrl: string;
  /** 加注件: purpose and expiry, printed and watermarked. */
  annotation?: { cause: string; expiresAt: string } | null;
};

export type CertificateFile = { ofd: Buffer; pdf: Buffer; generatedAt: Date };

const measure: Measure = (char) => glyphOf(char).em;

const dateText = (iso: string | null) => (iso ? chineseDate(iso) : '');

/** The face's rows in order: holder, number, the type's fields, 初领日期, 有效期. */
export function faceRows(source: CertificateFileSource): FaceRow[] {
  const { data } = source;
  const type = getCertificateType(data.typeCode);
  const person = type?.holderKind === 'PERSON';
  const rows: FaceRow[] = [
    { label: person ? '姓名' : '业户名称', value: data.holderName },
    { label: type?.category === 'RA' ? '许可证号' : '证号', value: data.number },
    ...source.details,
  ];
  if (data.firstIssuedOn) rows.push({ label: '初领日期', value: dateText(data.firstIssuedOn) });
  rows.push({
    label: '有效期',
    value: `${dateText(data.validFrom)}至${data.validUntil ? dateText(data.validUntil) : '长期'}`,
  });
  return rows;
}

/** GB/T 36903 metadata as far as public material shows (domain.md §4.1); names in Chinese. */
export function fileMetadata(data: CanonicalCertificateData, annotation: CertificateFileSource['annotation']) {
  const metadata: [string, string][] = [
    ['电子证照标识', data.identifier],
    ['证照名称', data.typeName],
    ['证照类型代码', data.typeCode],
    ['证照编号', data.number],
    ['证照版本号', String(data.version).padStart(3, '0')],
    ['持证主体', data.holderName],
    ['持证主体代码', data.holderIdentityCode],
    ['持证主体代码类型代码', data.holderTypeCode],
    ['证照颁发机构', data.issuingAuthority],
    ['证照颁发机构代码', data.issuingAuthorityCode],
    ['证照颁发日期', data.issuedOn.replace(/-/g, '')],
    ['证照有效期起始日期', data.validFrom.replace(/-/g, '')],
    ['证照有效期截止日期', data.validUntil?.replace(/-/g, '') ?? '长期'],
    ['证照所属地区编码', data.areaCode],
  ];
  if (annotation)
    metadata.push(
      ['加注件制作事由', annotation.cause],
      ['加注件有效期截止时间', annotation.expiresAt.replace(/-/g, '')],
    );
  return metadata;
}

export async function generateCertificateFile(
  source: CertificateFileSource,
  signer: FileSigner,
  generatedAt = new Date(),
): Promise<CertificateFile> {
  const { data } = source;
  const content: FaceContent = {
    title: data.typeName,
    rows: faceRows(source),
    hasPortrait: source.portraitJpeg !== null,
    issuingAuthority: data.issuingAuthority,
    issuedOn: dateText(data.issuedOn),
    identifier: data.identifier,
    verifyUrl: source.verifyUrl,
    annotation: source.annotation ?? null,
  };
  const layout = layoutFace(content, measure);
  const dataJson = canonicalJson(data);
  const title = source.annotation ? `${data.typeName}（加注件）` : data.typeName;
  const ofd = buildOfd(
    {
      layout,
      metadata: fileMetadata(data, source.annotation),
      title,
      dataJson,
      portraitJpeg: source.portraitJpeg,
      generatedAt,
    },
    signer,
  );
  const pdf = await buildPdf(
    { layout, title, subject: data.identifier, dataJson, portraitJpeg: source.portraitJpeg, generatedAt },
    signer,
  );
  return { ofd, pdf, generatedAt };
}
