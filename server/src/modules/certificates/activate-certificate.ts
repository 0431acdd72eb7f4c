import { certificateStatuses } from '@roadcert/shared';
import { AppError } from '../../errors';
import { auditActor, type AuthState, currentAccountId } from '../account';
import type { CertificatesModule } from './certificates.module';
import { operatorContextOf, presentCertificateSummary } from './certificates.presenter';

type ActivationState = {
  carrier: string;
  status: keyof typeof certificateStatuses;
  validUntil: Date | null;
  activatedAt: Date | null;
};

/** Why this certificate cannot be activated, in words for the holder; null if it can. */
function refusal(c: ActivationState, today: Date): string | null {
  if (c.carrier !== 'ELECTRONIC') return '纸质/IC卡证无需激活，可申请换发电子证照';
  if (c.status !== 'VALID') return `证照状态为${certificateStatuses[c.status].label}，不能激活`;
  if (c.validUntil && c.validUntil < today) return '证照已超过有效期，不能激活，请申请延续或换发';
  if (c.activatedAt) return '该电子证照已激活，无需重复激活';
  return null;
}

/**
 * 激活: binds an electronic certificate to its verified holder before it can be shown.
 * Needs a bound holder, a reachable certificate the caller may act on (own, or the
 * operator's as LEGAL_REPRESENTATIVE / MANAGER), a VALID unactivated electronic
 * certificate, and a face verification passed within the window. The change, its
 * history event and the audit record are one transaction, attributed to the person.
 */
export async function activateCertificate(
  { config, data, access, audit }: CertificatesModule,
  state: AuthState,
  certificateId: string,
) {
  const accountId = currentAccountId(state);
  if (!state.auth?.holderId) throw new AppError('REAL_NAME_REQUIRED');
  const reach = await access.reach(state, certificateId, 'act');
  const actor = auditActor(state);
  const role = reach.via === 'operator' ? reach.role : null;
  const refuse = async (reason: string) =>
    audit.record({
      ...actor,
      action: 'certificate.activate',
      subjectType: 'certificate',
      subjectId: reach.certificateId,
      outcome: 'DENIED',
      detail: { reason, via: reach.via, role },
    });

  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const face = await data.repos.faceVerifications.fresh(accountId, config.face.windowMinutes, now);

  const result = await data.transaction(async (r) => {
    const why = refusal(await r.certificates.activationState(reach.certificateId), today);
    if (why) return { refused: why, reason: 'not_activatable' };
    if (!face) return { refused: null, reason: 'face_verification_required' };
    if (!(await r.certificates.markActivated(reach.certificateId, accountId, now)))
      return { refused: '该电子证照已激活，无需重复激活', reason: 'not_activatable' };
    await r.certificates.addAccountEvent({
      certificateId: reach.certificateId,
      kind: 'ACTIVATED',
      actorId: accountId,
      at: now,
      detail: { via: reach.via, role, faceVerificationId: face.id },
    });
    await r.certificates.enqueueActivation(reach.certificateId);
    await audit.record(
      {
        ...actor,
        action: 'certificate.activate',
        subjectType: 'certificate',
        subjectId: reach.certificateId,
        outcome: 'OK',
        detail: { via: reach.via, role, faceVerificationId: face.id },
      },
      r.tx,
    );
    return null;
  });
  if (result) {
    await refuse(result.reason);
    if (result.reason === 'face_verification_required') throw new AppError('FACE_VERIFICATION_REQUIRED');
    throw new AppError('NOT_ACTIVATABLE', { message: result.refused! });
  }
  return presentCertificateSummary(
    await data.repos.certificates.summary(reach.certificateId),
    operatorContextOf(reach),
  );
}
