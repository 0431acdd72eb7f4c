import { randomUUID } from 'node:crypto';
import {
  certificateStatuses,
  getCertificateType,
  type CertificateFileFormat,
  type CertificateFilesResponse,
} from '@roadcert/shared';
import { sm3 } from '@roadcert/shared/presentation';
import type { ObjectStorage } from '../../adapters/storage';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { KeyMaterial } from '../../lib/key-material';
import type { Logger } from '../../lib/logger';
import { canonicalDataOf, faceDetails } from '../certificates';
import { createCertificateFileRepo, type FileSourceRow } from './certificate-file.repo';
import { fileSignerOf } from './file-signer';
import type { CertificateFileSource } from './generate-file';
import { createFileVerifier } from './verify-file';

/**
 * The file writer (pdf-lib, fontkit: ~400 ms to load) is loaded the first time a file is made,
 * not with the server: most processes verify and link files far more often than they make one.
 */
const generator = () => import('./generate-file');

/**
 * 证照文件 (docs/certificate-file.md): made from a certificate's signed data, kept in storage
 * under the certificate with the signature's digest in the key — a new signature (new
 * version, re-signed data) is a new file, a status change is not (status is checked live on
 * verification). Made ahead by the job after issuance, or on the first download.
 */

export type CertificateFilesDeps = {
  prisma: Database['prisma'];
  storage: ObjectStorage;
  fieldCrypto: FieldCrypto;
  keys: Pick<KeyMaterial, 'signing'>;
  config: Pick<Config, 'publicBaseUrl'>;
  logger: Logger;
};

/** Download links live as long as other file links (photos): long enough to fetch, short enough not to spread. */
const LINK_SECONDS = 10 * 60;

const contentTypes: Record<CertificateFileFormat, string> = { ofd: 'application/ofd', pdf: 'application/pdf' };

export function verifyUrlOf(publicBaseUrl: string, identifier: string) {
  return `${publicBaseUrl.replace(/\/+$/, '')}/pkg-verify/pages/verify/index?file=${encodeURIComponent(identifier)}`;
}

export function createCertificateFiles(deps: CertificateFilesDeps) {
  const repo = createCertificateFileRepo(deps.prisma);
  const signer = fileSignerOf(deps.keys.signing);
  const { storage } = deps;

  async function sourceOf(row: FileSourceRow): Promise<CertificateFileSource> {
    const type = getCertificateType(row.typeCode)!;
    const number = deps.fieldCrypto.decrypt(row.numberEnc, 'certificateNumber');
    const data = canonicalDataOf(row, number, type);
    const portraitKey = row.portraitPhoto && !row.portraitPhoto.deletedAt ? row.portraitPhoto.processedKey : null;
    return {
      data,
      details: faceDetails(row.typeCode, row.extension, row.vehicle).map(({ label, value }) => ({ label, value })),
      portraitJpeg: portraitKey ? await storage.get(portraitKey) : null,
      verifyUrl: verifyUrlOf(deps.config.publicBaseUrl, data.identifier),
    };
  }

  /** The certificate's row, if it has a file at all (electronic and signed) and lies in `areaPrefix`. */
  async function fileable(certificateId: string, areaPrefix = '') {
    const row = await repo.byId(certificateId);
    if (
      !row ||
      row.carrier !== 'ELECTRONIC' ||
      !row.signature ||
      !row.identifier ||
      !row.areaCode.startsWith(areaPrefix)
    )
      throw new AppError('NOT_FOUND', { message: '该证照没有电子证照文件' });
    return row;
  }

  const keyOf = (row: FileSourceRow, format: CertificateFileFormat) =>
    `certificate-files/${row.id}/v${row.version}-${Buffer.from(sm3(row.signature!)).toString('hex').slice(0, 16)}.${format}`;

  /** Writes a new object; a key that already exists (another request made it first) is fine. */
  async function putOnce(key: string, bytes: Buffer, format: CertificateFileFormat) {
    try {
      await storage.put(key, bytes, { contentType: contentTypes[format] });
    } catch (err) {
      if (!(await storage.get(key))) throw err;
    }
  }

  /** Makes and stores the current file unless it is already there; returns the sizes and whether it made it. */
  async function ensure(row: FileSourceRow): Promise<{ sizes: Record<CertificateFileFormat, number>; made: boolean }> {
    const sizes: Partial<Record<CertificateFileFormat, number>> = {};
    for (const format of ['ofd', 'pdf'] as const) {
      const existing = await storage.get(keyOf(row, format));
      if (existing) sizes[format] = existing.length;
    }
    if (sizes.ofd !== undefined && sizes.pdf !== undefined)
      return { sizes: sizes as Record<CertificateFileFormat, number>, made: false };
    const file = await (await generator()).generateCertificateFile(await sourceOf(row), signer);
    await putOnce(keyOf(row, 'ofd'), file.ofd, 'ofd');
    await putOnce(keyOf(row, 'pdf'), file.pdf, 'pdf');
    deps.logger.info(
      { certificateId: row.id, version: row.version, ofd: file.ofd.length, pdf: file.pdf.length },
      'certificate file made',
    );
    return { sizes: { ofd: file.ofd.length, pdf: file.pdf.length }, made: true };
  }

  async function linksFor(
    row: FileSourceRow,
    keys: Record<CertificateFileFormat, string>,
    sizes: Record<CertificateFileFormat, number>,
    generatedAt: Date,
    suffix = '',
  ): Promise<CertificateFilesResponse> {
    const type = getCertificateType(row.typeCode)!;
    const files = [];
    for (const format of ['ofd', 'pdf'] as const) {
      const link = await storage.signedUrl(keys[format], { expiresInSeconds: LINK_SECONDS });
      files.push({
        format,
        url: link.url,
        expiresAt: link.expiresAt.toISOString(),
        bytes: sizes[format],
        fileName: `${type.shortName}${suffix}.${format}`,
      });
    }
    return { certificateId: row.id, version: row.version, generatedAt: generatedAt.toISOString(), files };
  }

  return {
    /** The job after issuance: make the files of certificates signed since `since` (bounded per run). */
    async makeRecent(since: Date, limit = 200) {
      let made = 0;
      for (const { id } of await repo.signedSince(since, limit)) if ((await ensure(await fileable(id))).made) made++;
      return { made };
    },

    /** The certificate's current file (made now if needed) as short-lived download links; staff pass their region. */
    async links(certificateId: string, areaPrefix = '') {
      const row = await fileable(certificateId, areaPrefix);
      const { sizes } = await ensure(row);
      return linksFor(row, { ofd: keyOf(row, 'ofd'), pdf: keyOf(row, 'pdf') }, sizes, row.signedAt ?? new Date());
    },

    /**
     * A 加注件: the same file with the purpose and expiry printed on the face, repeated as a
     * watermark and in the metadata; made fresh each time, kept under the certificate.
     */
    async annotated(certificateId: string, annotation: { cause: string; expiresAt: string }) {
      const row = await fileable(certificateId);
      if (row.status !== 'VALID')
        throw new AppError('NOT_PRESENTABLE', {
          message: `证照状态为${certificateStatuses[row.status].label}，不能制作加注件`,
        });
      const file = await (await generator()).generateCertificateFile({ ...(await sourceOf(row)), annotation }, signer);
      const id = randomUUID();
      const keys = {
        ofd: `certificate-files/${row.id}/annotated/${id}.ofd`,
        pdf: `certificate-files/${row.id}/annotated/${id}.pdf`,
      };
      await storage.put(keys.ofd, file.ofd, { contentType: contentTypes.ofd });
      await storage.put(keys.pdf, file.pdf, { contentType: contentTypes.pdf });
      return linksFor(row, keys, { ofd: file.ofd.length, pdf: file.pdf.length }, file.generatedAt, '（加注件）');
    },

    verify: createFileVerifier({ repo, fieldCrypto: deps.fieldCrypto }),
  };
}

export type CertificateFiles = ReturnType<typeof createCertificateFiles>;
