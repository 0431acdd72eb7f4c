import { errorCodes, HEIC_UNSUPPORTED_MESSAGE, photoUploadLimits } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf } from '../../lib/picked-image';
import { precheckImage } from './prechecks';

const photo = { size: 2_000_000, mimeType: 'image/jpeg', width: 3000, height: 4000 };

describe('precheckImage', () => {
  it('passes an ordinary phone photo', () => {
    expect(precheckImage(photo)).toBeNull();
    expect(precheckImage({ ...photo, mimeType: 'image/png' })).toBeNull();
    expect(precheckImage({ ...photo, mimeType: 'image/webp' })).toBeNull();
    expect(precheckImage({ ...photo, mimeType: 'image/avif' })).toBeNull();
  });

  it('refuses more than 10 MB with the server message, and allows exactly 10 MB', () => {
    expect(precheckImage({ ...photo, size: photoUploadLimits.maxBytes + 1 })).toEqual({
      code: 'PHOTO_TOO_LARGE',
      message: errorCodes.PHOTO_TOO_LARGE.message,
    });
    expect(precheckImage({ ...photo, size: photoUploadLimits.maxBytes })).toBeNull();
  });

  it('refuses an empty file', () => {
    expect(precheckImage({ ...photo, size: 0 })?.code).toBe('PHOTO_MISSING');
  });

  it('refuses other declared types with the server message', () => {
    for (const mimeType of ['image/gif', 'image/tiff', 'text/plain', 'image/svg+xml']) {
      expect(precheckImage({ ...photo, mimeType })).toEqual({
        code: 'PHOTO_UNSUPPORTED_FORMAT',
        message: errorCodes.PHOTO_UNSUPPORTED_FORMAT.message,
      });
    }
  });

  it('tells iPhone users what to do about HEIC', () => {
    expect(precheckImage({ ...photo, mimeType: 'image/heic' })).toEqual({
      code: 'PHOTO_UNSUPPORTED_FORMAT',
      message: HEIC_UNSUPPORTED_MESSAGE,
    });
    expect(precheckImage({ ...photo, mimeType: 'image/heif', width: 0, height: 0 })?.message).toBe(
      HEIC_UNSUPPORTED_MESSAGE,
    );
    expect(HEIC_UNSUPPORTED_MESSAGE).toMatch(/HEIC.*兼容性最佳/);
  });

  it('calls an accepted type the device cannot decode corrupt, and an undeclared one unsupported', () => {
    expect(precheckImage({ ...photo, width: 0, height: 0 })?.code).toBe('PHOTO_CORRUPT');
    expect(precheckImage({ ...photo, mimeType: null, width: 0, height: 0 })?.code).toBe('PHOTO_UNSUPPORTED_FORMAT');
    expect(precheckImage({ ...photo, mimeType: null })).toBeNull();
  });

  it('refuses more than 50 megapixels and absurd aspect ratios', () => {
    expect(precheckImage({ ...photo, width: 10_000, height: 5_001 })?.code).toBe('PHOTO_TOO_MANY_PIXELS');
    expect(precheckImage({ ...photo, width: 4001, height: 1000 })).toEqual({
      code: 'PHOTO_BAD_ASPECT',
      message: errorCodes.PHOTO_BAD_ASPECT.message,
    });
    expect(precheckImage({ ...photo, width: 4000, height: 1000 })).toBeNull();
  });
});

describe('mimeTypeOf (getImageInfo types)', () => {
  it('maps WeChat type names to MIME types', () => {
    expect(mimeTypeOf('jpeg')).toBe('image/jpeg');
    expect(mimeTypeOf('jpg')).toBe('image/jpeg');
    expect(mimeTypeOf('PNG')).toBe('image/png');
    expect(mimeTypeOf('image/webp')).toBe('image/webp');
    expect(mimeTypeOf(undefined)).toBeNull();
    expect(mimeTypeOf('')).toBeNull();
  });
});
