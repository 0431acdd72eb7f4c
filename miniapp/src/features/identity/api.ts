import { accountProfileSchema, faceVerificationResultSchema, faceVerificationStartedSchema } from '@roadcert/shared';
import { postJson } from '../../lib/request';
import type { Account } from '../account/api';

/** Real-name binding: the server matches name + ID number against holder records. */
export function bindRealName(input: { name: string; idNumber: string }): Promise<Account> {
  return postJson('/api/v1/me/real-name', { ...input }, accountProfileSchema);
}

/** Opens a face verification; the server says which provider runs it and whether it is the stand-in. */
export function startFaceVerification() {
  return postJson('/api/v1/me/face-verifications', {}, faceVerificationStartedSchema);
}

/** WeChat's verifyResult (the server asks WeChat for the outcome), or the stand-in's chosen outcome. */
export function completeFaceVerification(
  verificationId: string,
  body: { verifyResult: string } | { standInOutcome: 'pass' | 'fail' },
) {
  return postJson(
    `/api/v1/me/face-verifications/${encodeURIComponent(verificationId)}/complete`,
    body,
    faceVerificationResultSchema,
  );
}
