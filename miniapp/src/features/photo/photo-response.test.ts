import { errorCodes, type PhotoCheck } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { toVerdictView } from './checks';
import { interpretPhotoResponse } from './photo-response';

const check = (name: PhotoCheck['check'], passed: boolean, message: string): PhotoCheck => ({
  check: name,
  passed,
  measured: 1,
  threshold: { min: 0, max: null },
  message,
});

const darkVerdict = {
  accepted: false,
  crop: { x: 0, y: 0.1, width: 1, height: 0.9 },
  checks: [
    check('RESOLUTION', true, '分辨率符合要求'),
    check('BRIGHTNESS', false, '照片太暗，请在光线充足、均匀的地方重新拍摄'),
    check('SHARPNESS', true, '清晰度合适'),
    check('BACKGROUND_LIGHT', false, '背景颜色过深，请在白色或浅色的纯色墙前拍摄'),
    check('BACKGROUND_PLAIN', true, '背景干净'),
    check('CENTRED', true, '人像居中'),
  ],
};

const link = {
  url: '/api/v1/files/photos/h/2026/11/u.processed.jpg?exp=1&sig=x',
  expiresAt: '2026-11-27T10:00:00.000Z',
};
const accepted = {
  verdict: { ...darkVerdict, accepted: true, checks: darkVerdict.checks.map((c) => ({ ...c, passed: true })) },
  photo: {
    id: 'p1',
    purpose: 'PORTRAIT',
    typeCode: null,
    applicationId: null,
    width: 358,
    height: 441,
    bytes: 12000,
    createdAt: '2026-11-27T09:00:00.000Z',
    image: link,
    original: link,
  },
};

function thrown(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

describe('interpretPhotoResponse', () => {
  it('returns the stored photo and its verdict on 201', () => {
    const outcome = interpretPhotoResponse({ statusCode: 201, data: accepted });
    expect(outcome.kind).toBe('accepted');
    if (outcome.kind === 'accepted') expect(outcome.result.photo.width).toBe(358);
  });

  it('returns every check of a 422 PHOTO_REJECTED, failed ones first in the view', () => {
    const body = {
      code: 'PHOTO_REJECTED',
      message: '照片太暗，请在光线充足、均匀的地方重新拍摄',
      requestId: 'r1',
      fields: {
        BRIGHTNESS: '照片太暗，请在光线充足、均匀的地方重新拍摄',
        BACKGROUND_LIGHT: '背景颜色过深，请在白色或浅色的纯色墙前拍摄',
      },
      verdict: darkVerdict,
    };
    const outcome = interpretPhotoResponse({ statusCode: 422, data: body });
    expect(outcome.kind).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.message).toBe(body.message);
    expect(outcome.fields).toEqual(body.fields);
    const view = toVerdictView(outcome.verdict);
    expect(view.failed.map((c) => c.check)).toEqual(['BRIGHTNESS', 'BACKGROUND_LIGHT']);
    expect(view.failed.map((c) => c.message)).toEqual([body.fields.BRIGHTNESS, body.fields.BACKGROUND_LIGHT]);
    expect(view.passed).toHaveLength(4);
  });

  it('maps a 422 without a usable verdict like any other error', () => {
    const error = thrown(() =>
      interpretPhotoResponse({
        statusCode: 422,
        data: { code: 'PHOTO_REJECTED', message: '照片未通过质量检查，请按提示重新拍摄' },
      }),
    );
    expect(error.code).toBe('PHOTO_REJECTED');
    expect(error.status).toBe(422);
  });

  it.each([
    [413, 'PHOTO_TOO_LARGE'],
    [415, 'PHOTO_UNSUPPORTED_FORMAT'],
    [400, 'PHOTO_CORRUPT'],
    [400, 'PHOTO_TOO_MANY_PIXELS'],
    [400, 'PHOTO_ANIMATED'],
    [400, 'PHOTO_BAD_ASPECT'],
    [400, 'PHOTO_BAD_CROP'],
    [503, 'PHOTO_BUSY'],
  ] as const)('maps %i %s to an ApiError with the server message', (statusCode, code) => {
    const error = thrown(() =>
      interpretPhotoResponse({ statusCode, data: { code, message: errorCodes[code].message, requestId: 'r2' } }),
    );
    expect(error).toMatchObject({ code, status: statusCode, message: errorCodes[code].message, requestId: 'r2' });
  });

  it('maps a body outside the contract by status (a proxy page for 413)', () => {
    const error = thrown(() =>
      interpretPhotoResponse({ statusCode: 413, data: '<html>Request Entity Too Large</html>' }),
    );
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('calls a 201 that breaks the contract BAD_RESPONSE', () => {
    expect(thrown(() => interpretPhotoResponse({ statusCode: 201, data: { verdict: darkVerdict } })).code).toBe(
      'BAD_RESPONSE',
    );
  });
});
