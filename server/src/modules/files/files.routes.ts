import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import path from 'node:path';
import { errorBodySchema } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { KeyMaterial } from '../../lib/key-material';
import type { ObjectStorage } from '../../adapters/storage';
import { createFileUrlSigner } from '../../adapters/storage/file-url-signer';
import { LOCAL_FILES_PATH } from '../../adapters/storage/local-storage';
import { contentTypeByExtension, isObjectKey } from '../../adapters/storage/object-storage';

/** The links are signed with the session token key; the objects come from the local storage driver. */
export type FilesDeps = { keys: Pick<KeyMaterial, 'sessionTokenKey'>; storage: Pick<ObjectStorage, 'get'> };

/**
 * Serves the local storage driver's objects to holders of a signed URL
 * (/api/v1/files/<key>?exp=&sig=). The signature is the only credential: wrong or
 * missing → 403 FILE_LINK_INVALID, past its expiry → 403 FILE_LINK_EXPIRED (checked in
 * that order, constant-time), valid but the object is gone → 404. Only registered with
 * STORAGE_DRIVER=local; OSS serves its own presigned URLs.
 */
export function fileRoutes(router: Router, registry: OpenAPIRegistry, deps: FilesDeps) {
  const signer = createFileUrlSigner(deps.keys.sessionTokenKey);

  registry.registerPath({
    method: 'get',
    path: `${LOCAL_FILES_PATH}/{key}`,
    summary: 'A stored file, by signed URL (local storage only; the URL comes from a photo DTO)',
    tags: ['files'],
    request: { params: undefined },
    responses: {
      200: { description: 'The file', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } },
      default: {
        description: 'FILE_LINK_INVALID / FILE_LINK_EXPIRED / NOT_FOUND',
        content: { 'application/json': { schema: errorBodySchema } },
      },
    },
  });

  router.get(`${LOCAL_FILES_PATH}/*key`, async (ctx) => {
    const key = ctx.path.slice(LOCAL_FILES_PATH.length + 1);
    if (!isObjectKey(key)) throw new AppError('NOT_FOUND');
    const exp = typeof ctx.query.exp === 'string' ? ctx.query.exp : undefined;
    const sig = typeof ctx.query.sig === 'string' ? ctx.query.sig : undefined;
    const check = signer.check(key, exp, sig);
    if (check === 'invalid') throw new AppError('FILE_LINK_INVALID');
    if (check === 'expired') throw new AppError('FILE_LINK_EXPIRED');
    const bytes = await deps.storage.get(key);
    if (!bytes) throw new AppError('NOT_FOUND');
    ctx.set('Cache-Control', `private, max-age=${Math.max(0, Number(exp) - Math.floor(Date.now() / 1000))}`);
    ctx.set('Content-Disposition', 'inline');
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    ctx.type = contentTypeByExtension[path.extname(key).slice(1).toLowerCase()] ?? 'application/octet-stream';
    ctx.body = bytes;
  });
}
