import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Context } from 'koa';
import { stockImportLimits } from '@roadcert/shared';
import { AppError } from '../../errors';

/**
 * The file part of a multipart stock upload, as a stream to be consumed at once (it is
 * stored while it arrives, never buffered whole). The part is cut one byte past the limit so
 * the storing side sees the excess and refuses (IMPORT_FILE_INVALID). Exactly one part `file`.
 */
export function readStockUpload(ctx: Context): Promise<{ fileName: string; stream: Readable }> {
  if (!/^multipart\/form-data\b/i.test(ctx.get('content-type')))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 方式上传导入文件' });
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > stockImportLimits.maxBytes + 64 * 1024)
    throw new AppError('IMPORT_FILE_INVALID', { message: '导入文件不能超过200MB' });

  return new Promise((resolve, reject) => {
    const req = ctx.req;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: stockImportLimits.maxBytes + 1, files: 1, fields: 4, parts: 5 },
      });
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 方式上传导入文件' });
    }
    let found = false;
    parser.on('file', (name, stream, info) => {
      if (name !== stockImportLimits.fileField || found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({ fileName: info.filename || 'import.csv', stream });
    });
    parser.on('error', () => reject(new AppError('IMPORT_FILE_INVALID', { message: '上传内容格式不正确' })));
    parser.on('close', () => {
      if (!found)
        reject(new AppError('VALIDATION_FAILED', { fields: { [stockImportLimits.fileField]: '请选择要导入的文件' } }));
    });
    req.pipe(parser);
  });
}
