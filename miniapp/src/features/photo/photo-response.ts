import { errorBodySchema, photoResultSchema, type PhotoResult, type PhotoVerdict } from '@roadcert/shared';
import { badResponseError, errorFromResponse } from '../../lib/api-error';
import type { UploadResponse } from '../../lib/upload-session';

/** 201: processed and stored. 422 PHOTO_REJECTED: a quality check failed, nothing stored. */
export type PhotoOutcome =
  | { kind: 'accepted'; result: PhotoResult }
  | { kind: 'rejected'; verdict: PhotoVerdict; message: string; fields: Record<string, string> };

/** The shared error body of a PHOTO_REJECTED answer, if it is one and carries its verdict. */
function rejectionOf(data: unknown): PhotoOutcome | null {
  const body = errorBodySchema.safeParse(data);
  if (!body.success || body.data.code !== 'PHOTO_REJECTED' || !body.data.verdict) return null;
  return { kind: 'rejected', verdict: body.data.verdict, message: body.data.message, fields: body.data.fields ?? {} };
}

/**
 * The upload's answer as an outcome, or an ApiError exactly as lib/request maps it (server
 * code and Chinese message; BAD_RESPONSE when a 2xx body breaks the contract).
 */
export function interpretPhotoResponse({ statusCode, data }: UploadResponse): PhotoOutcome {
  if (statusCode >= 200 && statusCode < 300) {
    const parsed = photoResultSchema.safeParse(data);
    if (!parsed.success) throw badResponseError(statusCode, parsed.error);
    return { kind: 'accepted', result: parsed.data };
  }
  const rejection = statusCode === 422 ? rejectionOf(data) : null;
  if (rejection) return rejection;
  throw errorFromResponse(statusCode, data);
}
