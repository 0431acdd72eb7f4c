import Taro from '@tarojs/taro';
import { appConfig } from '../config';
import { networkError } from './api-error';
import type * as Contract from './upload';
import { authHeader, parseUploadBody, sendWithSession } from './upload-session';

/** Photos can take a few seconds to process on the server; more than a JSON call. */
const UPLOAD_TIMEOUT_MS = 60_000;

export const uploadFile: typeof Contract.uploadFile = (call) =>
  sendWithSession(async (accessToken) => {
    try {
      const response = await Taro.uploadFile({
        url: appConfig.apiBase + call.path,
        filePath: call.file.path,
        name: call.fileField,
        formData: call.fields,
        header: authHeader(accessToken),
        timeout: UPLOAD_TIMEOUT_MS,
      });
      return { statusCode: response.statusCode, data: parseUploadBody(response.data) };
    } catch (cause) {
      throw networkError(cause);
    }
  });
