import sharp from 'sharp';
import { HEIC_UNSUPPORTED_MESSAGE, photoUploadLimits, type PhotoFormat } from '@roadcert/shared';
import { AppError } from '../../errors';
import { sniffFormat } from './sniff';

/** libvips' name for each accepted format (AVIF is read by its HEIF loader). */
const loaderFormat: Record<PhotoFormat, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'heif' };

export type Inspected = { format: PhotoFormat; width: number; height: number };

/**
 * The guards that answer before any pixel is decoded, from the magic bytes and the
 * header alone (milliseconds even for a 10 MB file): format, pixel count (decompression
 * bombs), animation, aspect ratio. Returns the size as displayed (EXIF-oriented).
 */
export async function inspect(bytes: Buffer): Promise<Inspected> {
  if (bytes.length === 0) throw new AppError('PHOTO_MISSING');
  const sniffed = sniffFormat(bytes);
  if (sniffed === 'heic') throw new AppError('PHOTO_UNSUPPORTED_FORMAT', { message: HEIC_UNSUPPORTED_MESSAGE });
  if (!(photoUploadLimits.formats as readonly string[]).includes(sniffed))
    throw new AppError('PHOTO_UNSUPPORTED_FORMAT');
  const format = sniffed as PhotoFormat;

  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new AppError('PHOTO_CORRUPT', { cause: err });
  }
  if (meta.format !== loaderFormat[format]) throw new AppError('PHOTO_CORRUPT');
  if (format === 'avif' && meta.compression !== 'av1')
    throw new AppError('PHOTO_UNSUPPORTED_FORMAT', { message: HEIC_UNSUPPORTED_MESSAGE });
  const { width, height } = meta.autoOrient ?? meta;
  if (!width || !height) throw new AppError('PHOTO_CORRUPT');
  if (width * height > photoUploadLimits.maxPixels) throw new AppError('PHOTO_TOO_MANY_PIXELS');
  if ((meta.pages ?? 1) > 1) throw new AppError('PHOTO_ANIMATED');
  if (Math.max(width, height) / Math.min(width, height) > photoUploadLimits.maxAspectRatio)
    throw new AppError('PHOTO_BAD_ASPECT');
  return { format, width, height };
}
