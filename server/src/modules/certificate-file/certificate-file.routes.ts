import { z } from 'zod';
import {
  annotatedFileRequestSchema,
  certificateFileLimits,
  certificateFilesResponseSchema,
  certificateFileVerificationSchema,
} from '@roadcert/shared';
import type { Context } from 'koa';
import { AppError } from '../../errors';
import { readBytes } from '../../http/json-body';
import type { createRouteTable } from '../../http/route';
import type { RateLimitStore } from '../../lib/rate-limit';
import { regionPrefix } from '../../lib/regions';
import { currentStaff } from '../account';
import { createCertificateAccess, type CertificatesDeps } from '../certificates';
import { createPartnerAuth, createPartnerRepo } from '../partners';
import type { CertificateFiles } from './certificate-files';
import { isUuid } from '../../lib/ids';

const idParams = z.object({ id: z.string().max(100) });

const rawFile = {
  contentType: 'application/octet-stream',
  schema: z
    .string()
    .describe('the OFD or PDF file itself as the body (application/ofd, application/pdf or octet-stream)'),
  description: `At most ${certificateFileLimits.maxUploadBytes / 1024 / 1024} MB; the type is read from the first bytes`,
};

/** The uploaded file: the body itself, at most maxUploadBytes (a larger declared length is refused unread). */
async function readUpload(ctx: Context): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0) || undefined;
  const bytes = await readBytes(ctx.req, certificateFileLimits.maxUploadBytes, declared).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE') throw new AppError('CERTIFICATE_FILE_TOO_LARGE');
    if (err instanceof AppError) throw err;
    throw new AppError('CERTIFICATE_FILE_INVALID', { message: '文件未上传完整' });
  });
  if (bytes.length === 0) throw new AppError('CERTIFICATE_FILE_INVALID', { message: '请上传证照文件' });
  return bytes;
}

export type CertificateFileRoutesDeps = CertificatesDeps & {
  certificateFiles: CertificateFiles;
  rateLimits: RateLimitStore;
};

/** 证照文件: download (holder, workbench), 加注件, verification of an uploaded file (docs/certificate-file.md). */
export function certificateFileRoutes({ route }: ReturnType<typeof createRouteTable>, deps: CertificateFileRoutesDeps) {
  const access = createCertificateAccess(deps);
  const files = deps.certificateFiles;
  const authenticatePartner = createPartnerAuth(createPartnerRepo(deps.prisma), deps.rateLimits);

  route({
    method: 'get',
    path: '/api/v1/certificates/:id/files',
    summary:
      'The certificate file (OFD and PDF, SM2-signed) as short-lived download links; made on first request if the job has not yet',
    tags: ['certificate-file'],
    access: 'account',
    params: idParams,
    response: certificateFilesResponseSchema,
    handler: async (ctx, { params }) => {
      const reach = await access.reach(ctx.state, params.id, 'read');
      ctx.set('Cache-Control', 'no-store');
      return files.links(reach.certificateId);
    },
  });

  route({
    method: 'post',
    path: '/api/v1/certificates/:id/files/annotated',
    summary:
      '加注件: a copy of the file with the purpose and expiry printed on it and as a watermark (VALID certificates)',
    tags: ['certificate-file'],
    access: 'account',
    params: idParams,
    body: annotatedFileRequestSchema,
    response: certificateFilesResponseSchema,
    handler: async (ctx, { params, body }) => {
      const reach = await access.reach(ctx.state, params.id, 'present');
      ctx.set('Cache-Control', 'no-store');
      return files.annotated(reach.certificateId, { cause: body.cause, expiresAt: body.expiresOn });
    },
  });

  route({
    method: 'get',
    path: '/api/v1/staff/certificates/:id/files',
    summary: 'Workbench: the certificate file as download links, to print the PDF at the counter',
    tags: ['certificate-file'],
    access: 'staff',
    params: idParams,
    response: certificateFilesResponseSchema,
    handler: async (ctx, { params }) => {
      ctx.set('Cache-Control', 'no-store');
      // Staff reach the certificates of their own region only, as with status changes.
      const staff = currentStaff(ctx.state);
      if (!isUuid(params.id)) throw new AppError('NOT_FOUND');
      return files.links(params.id, regionPrefix(staff.regionCode));
    },
  });

  route({
    method: 'post',
    path: '/api/v1/verify/certificate-file',
    summary:
      'Verify an uploaded certificate file (OFD or PDF): signature and every digest, signer, data against the certificate now, status',
    tags: ['certificate-file'],
    access: 'public',
    rawBody: rawFile,
    response: certificateFileVerificationSchema,
    handler: async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      return files.verify(await readUpload(ctx));
    },
  });

  route({
    method: 'post',
    path: '/api/v1/partner/certificate-files/verify',
    summary:
      'Partner API (Authorization: Bearer rk_…, scope verify): verify an uploaded certificate file as the portal does',
    tags: ['partner'],
    access: 'public',
    authenticatedBy: 'partnerApiKey',
    rawBody: rawFile,
    response: certificateFileVerificationSchema,
    handler: async (ctx) => {
      await authenticatePartner(ctx, 'verify');
      ctx.set('Cache-Control', 'no-store');
      return files.verify(await readUpload(ctx));
    },
  });
}
