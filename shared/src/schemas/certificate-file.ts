import { z } from 'zod';

/**
 * 证照文件 (docs/certificate-file.md): the OFD package and the PDF beside it, their download
 * links, and the verdict on an uploaded file. Limits are here so the portal refuses what the
 * server would refuse.
 */
export const certificateFileLimits = {
  /** An upload larger than this is refused before it is read whole. */
  maxUploadBytes: 2 * 1024 * 1024,
  /** Zip (OFD) safety: entries, per-entry and total unpacked bytes, compression ratio. */
  maxEntries: 64,
  maxEntryBytes: 2 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024,
  maxRatio: 200,
} as const;

export const certificateFileFormats = ['ofd', 'pdf'] as const;
export type CertificateFileFormat = (typeof certificateFileFormats)[number];

const fileLink = z.object({
  format: z.enum(certificateFileFormats),
  url: z.string(),
  expiresAt: z.string(),
  bytes: z.number().int(),
  fileName: z.string(),
});

export const certificateFilesResponseSchema = z.object({
  certificateId: z.string(),
  version: z.number().int(),
  generatedAt: z.string(),
  files: z.array(fileLink),
});
export type CertificateFilesResponse = z.infer<typeof certificateFilesResponseSchema>;

/** 加注件 copy of the file: the purpose and expiry are printed on it and repeated as a watermark. */
export const annotatedFileRequestSchema = z.object({
  cause: z.string().trim().min(2).max(30),
  expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * The verdict on an uploaded file. `altered`: a digest or the signature does not match;
 * `unknown_signer`: consistent, but not signed by one of our certificate keys; `superseded`:
 * genuine, but the certificate's data has changed since (a newer file exists); `not_found`:
 * genuine, but no such certificate here; `valid` / `not_valid`: genuine and current, with
 * the certificate's status (已暂扣, 已撤销, 已过期 …) deciding.
 */
export const certificateFileVerdicts = [
  'valid',
  'not_valid',
  'superseded',
  'altered',
  'unknown_signer',
  'not_found',
] as const;
export type CertificateFileVerdict = (typeof certificateFileVerdicts)[number];

export const certificateFileVerificationSchema = z.object({
  verdict: z.enum(certificateFileVerdicts),
  /** One line for people: 有效 / 已暂扣 / 文件已被篡改 … */
  message: z.string(),
  format: z.enum(certificateFileFormats),
  /** What failed, for programs: e.g. digest:/Doc_0/Pages/Page_0/Content.xml, signature, missing:… */
  problems: z.array(z.string()),
  certificate: z
    .object({
      identifier: z.string(),
      typeName: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      validUntil: z.string().nullable(),
      version: z.number().int(),
    })
    .nullable(),
  signedAt: z.string().nullable(),
});
export type CertificateFileVerification = z.infer<typeof certificateFileVerificationSchema>;
