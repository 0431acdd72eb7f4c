import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = await vi.hoisted(async () => ({
  ...(await import('../test/taro-storage-mock')).fakeTaroStorage(),
  request: vi.fn(),
  uploadFile: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { ApiError } from './api-error';
import { uploadFile } from './upload.weapp';

const account = {
  id: 'a1',
  phoneMasked: '138****8001',
  holder: { id: 'h1', kind: 'PERSON', nameMasked: '张*', idNumberMasked: '4401**********4518' },
  operators: [],
  consents: [],
  faceVerifiedUntil: null,
};
const file = {
  path: 'wxfile://tmp_abc.jpg',
  name: 'tmp_abc.jpg',
  size: 1000,
  mimeType: 'image/jpeg',
  width: 300,
  height: 400,
};
const call = {
  path: '/api/v1/me/photos',
  fileField: 'file',
  file,
  fields: { purpose: 'PORTRAIT', cropBox: '{"x":0,"y":0,"width":1,"height":0.9}' },
};

beforeEach(() => {
  taro.uploadFile.mockReset();
  taro.request.mockReset();
  taro.store.clear();
});

describe('uploadFile (weapp)', () => {
  it('sends the file by path with the text fields and the bearer token, and parses the JSON string body', async () => {
    taro.store.set('roadcert:accessToken', 'tok-1');
    taro.uploadFile.mockResolvedValueOnce({ statusCode: 422, data: '{"code":"PHOTO_REJECTED","message":"照片太暗"}' });

    const response = await uploadFile(call);

    expect(response).toEqual({ statusCode: 422, data: { code: 'PHOTO_REJECTED', message: '照片太暗' } });
    expect(taro.uploadFile.mock.calls[0]?.[0]).toMatchObject({
      url: '/api/v1/me/photos',
      filePath: 'wxfile://tmp_abc.jpg',
      name: 'file',
      formData: call.fields,
      header: { Authorization: 'Bearer tok-1' },
    });
  });

  it('keeps a non-JSON body as text', async () => {
    taro.uploadFile.mockResolvedValueOnce({ statusCode: 502, data: 'Bad Gateway' });
    await expect(uploadFile(call)).resolves.toEqual({ statusCode: 502, data: 'Bad Gateway' });
  });

  it('refreshes an expired token once and uploads again with the new one', async () => {
    taro.store.set('roadcert:accessToken', 'old');
    taro.store.set('roadcert:refreshToken', 'refresh-1');
    taro.uploadFile
      .mockResolvedValueOnce({ statusCode: 401, data: '{"code":"TOKEN_EXPIRED","message":"登录已过期"}' })
      .mockResolvedValueOnce({ statusCode: 201, data: '{"ok":true}' });
    taro.request.mockResolvedValueOnce({
      statusCode: 200,
      data: {
        accessToken: 'new',
        refreshToken: 'refresh-2',
        accessTokenExpiresAt: '2026-11-27T10:00:00.000Z',
        refreshTokenExpiresAt: '2026-12-27T10:00:00.000Z',
        account,
      },
    });

    const response = await uploadFile(call);

    expect(response.statusCode).toBe(201);
    expect(taro.uploadFile).toHaveBeenCalledTimes(2);
    expect(taro.uploadFile.mock.calls[1]?.[0].header).toMatchObject({ Authorization: 'Bearer new' });
  });

  it('turns a failed transfer into a NETWORK ApiError', async () => {
    taro.uploadFile.mockRejectedValueOnce({ errMsg: 'uploadFile:fail timeout' });
    const error = await uploadFile(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('NETWORK');
  });
});
