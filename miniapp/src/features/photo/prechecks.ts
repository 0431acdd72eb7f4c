import { errorCodes, HEIC_UNSUPPORTED_MESSAGE, photoUploadLimits, type ErrorCode } from '@roadcert/shared';
import type { PickedImage } from '../../lib/picked-image';

export interface PrecheckFailure {
  code: ErrorCode;
  message: string;
}

const accepted: readonly string[] = photoUploadLimits.mimeTypes;

function failure(code: ErrorCode, message: string = errorCodes[code].message): PrecheckFailure {
  return { code, message };
}

/**
 * What can be known on the phone before uploading, with the server's limits and messages:
 * size, declared type, pixel count and aspect. The server still decides by content; this
 * only spares a 10-MB upload that would be refused anyway. Null = nothing wrong found.
 */
export function precheckImage(
  image: Pick<PickedImage, 'size' | 'mimeType' | 'width' | 'height'>,
): PrecheckFailure | null {
  if (image.size <= 0) return failure('PHOTO_MISSING');
  if (image.size > photoUploadLimits.maxBytes) return failure('PHOTO_TOO_LARGE');
  const type = image.mimeType?.toLowerCase() ?? null;
  if (type && /hei[cf]/.test(type)) return failure('PHOTO_UNSUPPORTED_FORMAT', HEIC_UNSUPPORTED_MESSAGE);
  if (type && !accepted.includes(type)) return failure('PHOTO_UNSUPPORTED_FORMAT');
  // Not decodable here: a damaged file if it claims an accepted type, else a format we cannot read.
  if (image.width <= 0 || image.height <= 0) return failure(type ? 'PHOTO_CORRUPT' : 'PHOTO_UNSUPPORTED_FORMAT');
  if (image.width * image.height > photoUploadLimits.maxPixels) return failure('PHOTO_TOO_MANY_PIXELS');
  const long = Math.max(image.width, image.height);
  const short = Math.min(image.width, image.height);
  if (long / short > photoUploadLimits.maxAspectRatio) return failure('PHOTO_BAD_ASPECT');
  return null;
}
