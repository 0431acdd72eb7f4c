import { appConfig } from '../config';
import { networkError } from './api-error';
import type * as Contract from './upload';
import { authHeader, parseUploadBody, sendWithSession } from './upload-session';

const UPLOAD_TIMEOUT_MS = 60_000;

async function post(url: string, form: FormData, accessToken: string | undefined) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), UPLOAD_TIMEOUT_MS);
  try {
    // No Content-Type: the browser writes multipart/form-data with its boundary.
    const response = await fetch(url, {
      method: 'POST',
      body: form,
      headers: authHeader(accessToken),
      signal: controller.signal,
    });
    return { statusCode: response.status, data: parseUploadBody(await response.text()) };
  } catch (cause) {
    throw networkError(cause);
  } finally {
    clearTimeout(timer);
  }
}

export const uploadFile: typeof Contract.uploadFile = (call) =>
  sendWithSession((accessToken) => {
    if (!call.file.blob) return Promise.reject(networkError(new Error('no file data')));
    const form = new FormData();
    // Text fields first: the server reads them before the file part arrives.
    for (const [key, value] of Object.entries(call.fields)) form.append(key, value);
    form.append(call.fileField, call.file.blob, call.file.name);
    return post(appConfig.apiBase + call.path, form, accessToken);
  });
