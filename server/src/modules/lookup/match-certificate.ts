import {
  normaliseCode,
  normalisePlateNumber,
  toHalfWidth,
  type CertificateTypeCode,
  type LookupInputCheck,
} from '@roadcert/shared';
import type { Db } from '../../db/unit-of-work';
import type { FieldCrypto } from '../../lib/field-crypto';
import { createLookupRepo, type MatchedCertificate } from './lookup.repo';

/** The database (for the matcher's reads) and the blind index / decryption of certificate numbers. */
export type CertificateMatcherDeps = {
  prisma: Db;
  fieldCrypto: Pick<FieldCrypto, 'blindIndex' | 'blindIndexes' | 'decrypt'>;
};

export type CertificateMatch = {
  /** The certificate to report: the current one where the number matched several (paper + its electronic replacement). */
  certificate: MatchedCertificate;
  /** A matched paper/IC certificate was replaced by an electronic one (已换发电子证照). */
  replacedByElectronic: boolean;
};

type CheckedInput = Extract<LookupInputCheck, { ok: true }>;

/** Names compare without spaces, with full-width brackets and letters folded (（）→()). */
export const canonicalName = (name: string) =>
  toHalfWidth(name)
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();

/** The digits of a certificate number (粤交运管许可穗字440100151081号 → 440100151081). */
const digitCore = (number: string) => (normaliseCode(number).match(/\d{6,}/g) ?? []).join('');

/**
 * Finds a certificate by number + exact holder name (+ plate for 运输证). The number is
 * matched by its blind index, like every personal number. Operator certificate numbers are
 * printed as 粤交运管许可穗字440100151081号 but often typed as the digits only, so when
 * the printed form does not match, the certificates of that type held under exactly that
 * name are decrypted and compared by their digits (few rows: the name is exact).
 * "No such number" and "wrong name" both return null.
 */
export function createCertificateMatcher(deps: CertificateMatcherDeps) {
  const certificates = createLookupRepo(deps.prisma);
  const sameHolderAndPlate = (input: CheckedInput) => (row: MatchedCertificate) =>
    canonicalName(row.holder.name) === canonicalName(input.name) &&
    (input.plate === null || (row.vehicle !== null && normalisePlateNumber(row.vehicle.plateNumber) === input.plate));

  async function byBlindIndex(typeCode: CertificateTypeCode, input: CheckedInput) {
    const numberHashes = deps.fieldCrypto.blindIndexes(
      input.number,
      input.personal ? 'id-number' : 'certificate-number',
    );
    const rows = await certificates.byNumberHash(typeCode, numberHashes);
    return rows.filter(sameHolderAndPlate(input));
  }

  async function byDigits(typeCode: CertificateTypeCode, input: CheckedInput) {
    const wanted = digitCore(input.number);
    if (wanted.length === 0) return [];
    const names = [
      ...new Set([input.name, toHalfWidth(input.name), input.name.replace(/\(/g, '（').replace(/\)/g, '）')]),
    ];
    const rows = await certificates.byHolderNames(typeCode, names);
    return rows
      .filter((r) => digitCore(deps.fieldCrypto.decrypt(r.numberEnc, 'certificateNumber')) === wanted)
      .map(({ numberEnc: _sealed, ...row }) => row)
      .filter(sameHolderAndPlate(input));
  }

  async function match(typeCode: CertificateTypeCode, input: CheckedInput): Promise<CertificateMatch | null> {
    let rows = await byBlindIndex(typeCode, input);
    if (rows.length === 0 && !input.personal) rows = await byDigits(typeCode, input);
    if (rows.length === 0) return null;
    const rank = (r: MatchedCertificate) => (r.status === 'REPLACED' ? 2 : r.status === 'VALID' ? 0 : 1);
    const [current] = [...rows].sort((a, b) => rank(a) - rank(b) || b.issuedOn.getTime() - a.issuedOn.getTime());
    return {
      certificate: current!,
      replacedByElectronic: rows.some((r) => r.status === 'REPLACED' && r.replacedBy?.carrier === 'ELECTRONIC'),
    };
  }

  return { match };
}
