import sharp from 'sharp';
import { photoUploadLimits } from '@roadcert/shared';
import { AppError } from '../../errors';

/** Interleaved 8-bit sRGB pixels, 3 channels, no alpha. */
export type RgbImage = { data: Buffer; width: number; height: number };

/** A rectangle of an RgbImage, copied row by row (no resampling, no libvips round trip). */
export function extractPixels(
  image: RgbImage,
  box: { left: number; top: number; width: number; height: number },
): RgbImage {
  const data = Buffer.allocUnsafe(box.width * box.height * 3);
  for (let y = 0; y < box.height; y += 1) {
    const from = ((box.top + y) * image.width + box.left) * 3;
    image.data.copy(data, y * box.width * 3, from, from + box.width * 3);
  }
  return { data, width: box.width, height: box.height };
}

export const rawOf = (image: RgbImage) => ({ raw: { width: image.width, height: image.height, channels: 3 as const } });

/** Seconds after which libvips abandons one decode (a hostile file cannot hold a worker). */
const DECODE_TIMEOUT_SECONDS = 20;

/**
 * Decodes once into the working image every later step shares: EXIF orientation
 * applied, transparency flattened onto white, converted to 8-bit sRGB (CMYK, 16-bit and
 * ICC-tagged inputs included; the embedded profile is used for the conversion, then
 * dropped), resized as `size` says (a cap on the long side, or an exact width or
 * height) so libjpeg can shrink while decoding.
 * Truncated or corrupt pixel data fails here (failOn 'error': real phone JPEGs with
 * harmless warnings still pass), as does anything over the pixel limit.
 */
export type WorkingSize = { maxSide: number } | { width: number } | { height: number };

export async function decodeWorkingImage(bytes: Buffer, size: WorkingSize): Promise<RgbImage> {
  const resize: sharp.ResizeOptions =
    'maxSide' in size
      ? { width: size.maxSide, height: size.maxSide, fit: 'inside', withoutEnlargement: true }
      : { ...size, withoutEnlargement: true };
  const { data, info } = await sharp(bytes, {
    failOn: 'error',
    limitInputPixels: photoUploadLimits.maxPixels,
    autoOrient: true,
    sequentialRead: true,
  })
    .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
    .resize(resize)
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((err: Error) => {
      throw new AppError(/pixel limit/i.test(err.message ?? '') ? 'PHOTO_TOO_MANY_PIXELS' : 'PHOTO_CORRUPT', {
        cause: err,
      });
    });
  if (info.channels !== 3) throw new Error(`expected 3 channels after flatten, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}
