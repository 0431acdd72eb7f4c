import type { PickedImage } from './picked-image';
import type { UploadResponse } from './upload-session';

export type { UploadResponse };

export interface UploadCall {
  /** Path under the API origin, e.g. `/api/v1/me/photos`. */
  path: string;
  /** Name of the multipart file part. */
  fileField: string;
  file: PickedImage;
  /** Text parts of the form. */
  fields: Record<string, string>;
}

/**
 * One multipart upload with the session (refreshing an expired token once). Resolves with
 * any HTTP answer, 4xx included, for the caller to read; rejects with an ApiError NETWORK
 * when nothing came back. Per platform: upload.weapp.ts (Taro.uploadFile), upload.h5.ts (fetch).
 */
export declare function uploadFile(call: UploadCall): Promise<UploadResponse>;
