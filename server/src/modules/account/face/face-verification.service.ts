import { consentsRequiredFor } from '@roadcert/shared';
import { AppError } from '../../../errors';
import type { AuditEntry } from '../../../lib/audit';
import { isUuid } from '../../../lib/ids';
import type { AccountStore, FaceVerificationDeps } from '../account.module';
import { requireConsents } from '../identity/consents';
import type { FaceOutcome, FaceVerificationComplete } from './face-verification-provider';
import { FACE_ATTEMPT_TTL_MINUTES, FACE_STARTS_PER_DAY } from './face-verifications.repo';

type Actor = Pick<AuditEntry, 'actorKind' | 'actorId' | 'requestId'>;
const DAY = 86_400_000;

export function createFaceVerificationService(deps: Omit<FaceVerificationDeps, 'prisma'> & AccountStore) {
  const { faceVerifications: faces, consents, accounts } = deps.data.repos;
  const { audit } = deps;
  const provider = deps.face;

  /** Opens an attempt: FACE_DATA consent, at most FACE_STARTS_PER_DAY a day. */
  async function start(accountId: string, actor: Actor) {
    await requireConsents(consents, accountId, consentsRequiredFor.faceVerification);
    if ((await faces.startsSince(accountId, new Date(Date.now() - DAY))) >= FACE_STARTS_PER_DAY) {
      throw new AppError('RATE_LIMITED', { message: '今日人脸核验次数已达上限，请明天再试' });
    }
    const attempt = await faces.start(accountId, provider.name);
    await audit.record({
      ...actor,
      action: 'face.start',
      subjectType: 'face_verification',
      subjectId: attempt.id,
      outcome: 'OK',
      detail: { provider: provider.name, standIn: provider.standIn },
    });
    return { verificationId: attempt.id, provider: provider.name, standIn: provider.standIn };
  }

  /**
   * Settles an attempt of this account with the provider's confirmed outcome. Someone
   * else's (or a made-up) attempt id is a 404 and an audit record.
   */
  async function complete(accountId: string, attemptId: string, input: FaceVerificationComplete, actor: Actor) {
    const attempt = isUuid(attemptId) ? await faces.find(attemptId) : null;
    if (!attempt || attempt.accountId !== accountId) {
      await audit.record({
        ...actor,
        action: 'face.access_denied',
        subjectType: 'face_verification',
        subjectId: attemptId,
        outcome: 'DENIED',
      });
      throw new AppError('NOT_FOUND');
    }
    if (attempt.state !== 'PENDING') throw new AppError('CONFLICT', { message: '本次核验已结束，请重新发起人脸核验' });
    if (attempt.provider !== provider.name)
      throw new AppError('CONFLICT', { message: '核验方式已变更，请重新发起人脸核验' });
    if (attempt.createdAt.getTime() < Date.now() - FACE_ATTEMPT_TTL_MINUTES * 60_000) {
      await faces.settle(attempt.id, {
        passed: false,
        providerRef: null,
        failureReason: 'attempt_expired',
        at: new Date(),
      });
      throw new AppError('CONFLICT', { message: '本次核验已超时，请重新发起人脸核验' });
    }
    await requireConsents(consents, accountId, consentsRequiredFor.faceVerification);

    const account = await accounts.findForFaceCheck(accountId);
    const holder = account.holder;
    const idNumberEnc = holder?.idNumberEnc;
    if (!holder || !idNumberEnc) throw new AppError('REAL_NAME_REQUIRED');
    let outcome: FaceOutcome = await provider.confirm(
      {
        attempt: { id: attempt.id, createdAt: attempt.createdAt },
        account: { id: accountId, wechatOpenId: account.wechatOpenId },
        expectedIdentity: () => ({ name: holder.name, idNumber: deps.fieldCrypto.decrypt(idNumberEnc, 'idNumber') }),
      },
      input,
    );
    if (outcome.providerRef && (await faces.refUsed(outcome.providerRef)))
      outcome = { passed: false, providerRef: null, reason: 'result_already_used' };

    const at = new Date();
    const failureReason = outcome.passed ? null : outcome.reason;
    if (
      !(await faces.settle(attempt.id, { passed: outcome.passed, providerRef: outcome.providerRef, failureReason, at }))
    ) {
      throw new AppError('CONFLICT', { message: '本次核验已结束，请重新发起人脸核验' });
    }
    await audit.record({
      ...actor,
      action: 'face.complete',
      subjectType: 'face_verification',
      subjectId: attempt.id,
      outcome: outcome.passed ? 'OK' : 'FAILED',
      detail: { provider: provider.name, standIn: provider.standIn, reason: failureReason },
    });
    const validUntil = outcome.passed
      ? new Date(at.getTime() + deps.config.face.windowMinutes * 60_000).toISOString()
      : null;
    return { passed: outcome.passed, validUntil, standIn: provider.standIn };
  }

  return { start, complete };
}
