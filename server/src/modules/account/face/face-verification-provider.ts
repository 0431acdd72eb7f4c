import type { z } from 'zod';
import type { faceVerificationCompleteSchema } from '@roadcert/shared';

export type FaceVerificationComplete = z.infer<typeof faceVerificationCompleteSchema>;

/** What a provider may check an attempt against. */
export type FaceAttemptContext = {
  attempt: { id: string; createdAt: Date };
  account: { id: string; wechatOpenId: string | null };
  /** The bound holder's name and ID number; decrypted only if the provider asks. */
  expectedIdentity: () => { name: string; idNumber: string };
};

export type FaceOutcome =
  { passed: true; providerRef: string | null } | { passed: false; providerRef: string | null; reason: string };

/**
 * A face verification (实人核验) service. `confirm` establishes the outcome from the
 * provider itself — the client's claim that it passed is never taken as the result.
 * Transient provider trouble is thrown (UPSTREAM_UNAVAILABLE) so the attempt stays open.
 */
export interface FaceVerificationProvider {
  readonly name: 'wechat' | 'local-stand-in';
  /** True for the local stand-in: no real face check happens. */
  readonly standIn: boolean;
  confirm(context: FaceAttemptContext, input: FaceVerificationComplete): Promise<FaceOutcome>;
}
