import { Inflate } from 'fflate';
import { certificateFileLimits } from '@roadcert/shared';
import { AppError } from '../../errors';

/**
 * Reads an uploaded zip (an OFD package) without trusting it: the central directory is
 * parsed by hand, names must be plain relative paths (no '..', no absolute or drive paths,
 * no backslashes, no duplicates), the number of entries and every entry's size are capped,
 * only stored or deflated entries are read, and inflation stops at the declared size — so a
 * zip bomb costs at most the caps, never memory or minutes. Anything else: FILE_PACKAGE_INVALID.
 */

const bad = (detail: string) =>
  new AppError('CERTIFICATE_FILE_INVALID', { message: `证照文件包结构不合规：${detail}` });

const SAFE_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

function inflateCapped(data: Uint8Array, declared: number): Uint8Array {
  const out = new Uint8Array(declared);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > declared) throw bad('解压后大小超过声明');
    out.set(chunk, written);
    written += chunk.length;
  });
  for (let at = 0; at < data.length; at += 16 * 1024)
    inflater.push(data.subarray(at, at + 16 * 1024), at + 16 * 1024 >= data.length);
  if (written !== declared) throw bad('解压后大小与声明不符');
  return out;
}

export function readZip(bytes: Buffer): Map<string, Buffer> {
  const { maxEntries, maxEntryBytes, maxTotalBytes, maxRatio } = certificateFileLimits;
  // End of central directory: the last PK\5\6 within the final 64 KiB + 22 bytes.
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd < bytes.length - 22 - 0xffff) throw bad('缺少目录');
  const count = bytes.readUInt16LE(eocd + 10);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0) throw bad('没有文件');
  if (count > maxEntries) throw bad(`文件数超过 ${maxEntries}`);
  const files = new Map<string, Buffer>();
  let total = 0;
  let at = dirOffset;
  try {
    for (let i = 0; i < count; i++) {
      if (bytes.readUInt32LE(at) !== 0x02014b50) throw bad('目录损坏');
      const method = bytes.readUInt16LE(at + 10);
      const compressed = bytes.readUInt32LE(at + 20);
      const size = bytes.readUInt32LE(at + 24);
      const nameLength = bytes.readUInt16LE(at + 28);
      const extraLength = bytes.readUInt16LE(at + 30);
      const commentLength = bytes.readUInt16LE(at + 32);
      const local = bytes.readUInt32LE(at + 42);
      const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      if (name.endsWith('/')) continue; // a folder entry carries nothing
      if (!SAFE_NAME.test(name) || name.split('/').some((s) => s === '.' || s === '..')) throw bad('文件路径不安全');
      if (files.has(name)) throw bad('文件重复');
      if (method !== 0 && method !== 8) throw bad('不支持的压缩方式');
      if (size > maxEntryBytes) throw bad('单个文件过大');
      total += size;
      if (total > maxTotalBytes) throw bad('解压后总大小过大');
      if (compressed > 0 && size / compressed > maxRatio) throw bad('压缩比异常');
      if (bytes.readUInt32LE(local) !== 0x04034b50) throw bad('文件头损坏');
      const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(dataStart, dataStart + compressed);
      if (data.length !== compressed) throw bad('文件被截断');
      const content = method === 0 ? data : inflateCapped(data, size);
      if (content.length !== size) throw bad('文件大小不符');
      files.set(name, Buffer.from(content));
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bad('无法读取'); // RangeError on a truncated directory, inflate errors on corrupt data
  }
  return files;
}
