import { describe, expect, it } from 'vitest';
import { errorCodes } from '../errors';
import { cropBoxSchema, photoUploadFieldsSchema, photoUploadLimits } from './photo';

describe('photo upload contract', () => {
  it('limits: 10 MB, 50 MP, 4:1, content formats', () => {
    expect(photoUploadLimits.maxBytes).toBe(10 * 1024 * 1024);
    expect(photoUploadLimits.maxPixels).toBe(50_000_000);
    expect(photoUploadLimits.formats).toEqual(['jpeg', 'png', 'webp', 'avif']);
  });

  it('crop box: normalised, positive, inside the image', () => {
    expect(cropBoxSchema.parse({ x: 0, y: 0.1, width: 1, height: 0.9 })).toEqual({
      x: 0,
      y: 0.1,
      width: 1,
      height: 0.9,
    });
    expect(cropBoxSchema.safeParse({ x: 0.5, y: 0, width: 0.6, height: 0.5 }).success).toBe(false);
    expect(cropBoxSchema.safeParse({ x: 0, y: 0.5, width: 0.5, height: 0.6 }).success).toBe(false);
    expect(cropBoxSchema.safeParse({ x: -0.1, y: 0, width: 0.5, height: 0.5 }).success).toBe(false);
    expect(cropBoxSchema.safeParse({ x: 0, y: 0, width: 0, height: 0.5 }).success).toBe(false);
    expect(cropBoxSchema.safeParse({ x: 0, y: 0, width: 1.2, height: 0.5 }).success).toBe(false);
  });

  it('multipart fields: purpose defaults to PORTRAIT, cropBox arrives as JSON text', () => {
    expect(photoUploadFieldsSchema.parse({})).toEqual({ purpose: 'PORTRAIT' });
    expect(
      photoUploadFieldsSchema.parse({ cropBox: '{"x":0,"y":0,"width":0.5,"height":0.5}', typeCode: 'D071' }),
    ).toMatchObject({
      cropBox: { x: 0, y: 0, width: 0.5, height: 0.5 },
      typeCode: 'D071',
    });
    const notJson = photoUploadFieldsSchema.safeParse({ cropBox: 'full' });
    expect(notJson.success).toBe(false);
    expect(notJson.error!.issues[0]!.message).toBe('裁剪框格式不正确');
    expect(photoUploadFieldsSchema.safeParse({ purpose: 'SELFIE' }).success).toBe(false);
    expect(photoUploadFieldsSchema.safeParse({ applicationId: 'not-a-uuid' }).success).toBe(false);
  });

  it('error codes: photo guards are 4xx, a rejected photo is 422, too large is 413', () => {
    expect(errorCodes.PHOTO_TOO_LARGE.status).toBe(413);
    expect(errorCodes.PHOTO_UNSUPPORTED_FORMAT.status).toBe(415);
    expect(errorCodes.PHOTO_REJECTED.status).toBe(422);
    for (const code of [
      'PHOTO_CORRUPT',
      'PHOTO_TOO_MANY_PIXELS',
      'PHOTO_ANIMATED',
      'PHOTO_BAD_ASPECT',
      'PHOTO_BAD_CROP',
      'PHOTO_MISSING',
    ] as const) {
      expect(errorCodes[code].status).toBe(400);
    }
  });
});
