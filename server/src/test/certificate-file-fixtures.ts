import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import sharp from 'sharp';
import { portrait1080Jpeg } from './photo-fixtures';
import type { CanonicalCertificateData } from '../modules/certificates';
import type { CertificateFileSource } from '../modules/certificate-file';

/** Test and bench fixtures: a 从业资格证 like 王强's, a fresh SM2 key, a 358×441 JPEG portrait. */
export const sampleData: CanonicalCertificateData = {
  typeCode: '11100000000019713D071',
  typeName: '道路运输从业人员从业资格证',
  identifier: '1.2.156.3005.2.11100000000019713D071.11440100MB2C92278X.0000001.001.7',
  number: '440103198507150032',
  holderName: '王强',
  holderTypeCode: '111',
  holderIdentityCode: '440103198507150032',
  carrier: 'ELECTRONIC',
  version: 1,
  issueReason: 'INITIAL',
  firstIssuedOn: '2024-03-01',
  issuedOn: '2024-03-01',
  validFrom: '2024-03-01',
  validUntil: '2030-02-28',
  issuingAuthority: '广州市交通运输局',
  issuingAuthorityCode: '11440100MB2C92278X',
  areaCode: '440100',
  extension: { qualificationCategories: ['02001'], licenceClass: 'A2' },
};

export function sampleSigningKey(kid = 'test-cert-key') {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return { kid, algorithm: 'SM2-SM3' as const, privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * A portrait as the photo pipeline stores one (358×441 JPEG under the 40 KB cap), cut from
 * the synthetic 1080×1440 test portrait, so file sizes are measured with a realistic image.
 */
export const samplePortrait = async () =>
  sharp(await portrait1080Jpeg())
    .resize(358, 441, { fit: 'cover' })
    .jpeg({ quality: 85 })
    .toBuffer();

export const sampleSource = (portraitJpeg: Buffer | null): CertificateFileSource => ({
  data: sampleData,
  details: [
    { label: '从业资格类别', value: '经营性道路货物运输驾驶员' },
    { label: '准驾车型', value: 'A2' },
  ],
  portraitJpeg,
  verifyUrl: `https://roadcert.example.cn/pkg-verify/pages/verify/index?file=${encodeURIComponent(sampleData.identifier)}`,
});
