import busboy from 'busboy';
import type { Context } from 'koa';
import { photoUploadLimits } from '@roadcert/shared';
import { AppError } from '../../errors';

export type PhotoUpload = { file: Buffer; fields: Record<string, string> };

/** Room for the multipart framing and the text fields on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Reads a multipart/form-data upload with the size limit enforced while streaming: the
 * file part is counted as it arrives and the read stops at byte maxBytes + 1
 * (PHOTO_TOO_LARGE), so an oversized upload is never buffered whole. A declared
 * Content-Length that is already too large is refused before reading anything. After a
 * refusal the rest of the request is discarded unread (never stored) so the client
 * still receives the error. Exactly one file part named `file`; a few small text fields.
 */
export function readPhotoUpload(ctx: Context, maxBytes: number = photoUploadLimits.maxBytes): Promise<PhotoUpload> {
  if (!/^multipart\/form-data\b/i.test(ctx.get('content-type'))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 方式上传照片' });
  }
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > maxBytes + MULTIPART_OVERHEAD) throw new AppError('PHOTO_TOO_LARGE');

  return new Promise((resolve, reject) => {
    const req = ctx.req;
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;

    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume(); // discard what is still coming; nothing of it is kept
      reject(error);
    };
    const invalid = (field: string, message: string) =>
      fail(new AppError('VALIDATION_FAILED', { fields: { [field]: message } }));

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 2048, fieldNameSize: 64, parts: 10 },
      });
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 方式上传照片' });
    }

    parser.on('file', (name, stream) => {
      if (name !== photoUploadLimits.fileField) {
        stream.resume();
        return invalid(name, `文件字段应命名为 ${photoUploadLimits.fileField}`);
      }
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
      });
      stream.on('limit', () => fail(new AppError('PHOTO_TOO_LARGE')));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) return invalid(name, '内容过长');
      fields[name] = value;
    });
    parser.on('filesLimit', () => invalid(photoUploadLimits.fileField, '一次只能上传一张照片'));
    parser.on('fieldsLimit', () => invalid('(body)', '字段过多'));
    parser.on('partsLimit', () => invalid('(body)', '字段过多'));
    parser.on('error', () =>
      fail(new AppError('VALIDATION_FAILED', { message: '上传内容格式不正确，请重新选择照片' })),
    );
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (received === 0) reject(new AppError('PHOTO_MISSING'));
      else resolve({ file: Buffer.concat(chunks, received), fields });
    });
    req.on('error', () => fail(new AppError('VALIDATION_FAILED', { message: '上传中断，请重试' })));
    req.pipe(parser);
  });
}
