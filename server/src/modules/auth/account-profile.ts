import { maskHolderName, type AccountProfile } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { PrismaClient } from '../../generated/prisma/client';
import { createFaceVerificationRepo } from '../face/face-verifications.repo';
import { createConsentRepo } from '../identity/consents';

/**
 * The AccountProfile every sign-in, refresh and identity step returns: who the account
 * is bound to, which operators it acts for, its standing consents, and until when its
 * last passed face verification allows activation (window: FACE_VERIFICATION_WINDOW_MINUTES).
 * Consent and face semantics come from their own modules' repos, so there is one meaning.
 */
export async function buildAccountProfile(
  prisma: PrismaClient,
  accountId: string,
  faceWindowMinutes: number,
): Promise<AccountProfile> {
  const account = await prisma.account.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      phoneMasked: true,
      holder: { select: { id: true, kind: true, name: true, idNumberMasked: true } },
      memberships: {
        where: { revokedAt: null },
        orderBy: { grantedAt: 'asc' },
        select: { role: true, operator: { select: { id: true, name: true } } },
      },
    },
  });
  if (!account) throw new AppError('TOKEN_INVALID');
  const [consents, face] = await Promise.all([
    createConsentRepo(prisma).given(accountId),
    createFaceVerificationRepo(prisma).fresh(accountId, faceWindowMinutes),
  ]);
  return {
    id: account.id,
    phoneMasked: account.phoneMasked,
    holder: account.holder
      ? {
          id: account.holder.id,
          kind: account.holder.kind,
          nameMasked: maskHolderName(account.holder.kind, account.holder.name),
          idNumberMasked: account.holder.kind === 'PERSON' ? account.holder.idNumberMasked : null,
        }
      : null,
    operators: account.memberships.map((m) => ({ operatorId: m.operator.id, name: m.operator.name, role: m.role })),
    consents: consents.map((c) => ({ kind: c.kind, textVersion: c.textVersion })),
    faceVerifiedUntil: face ? face.validUntil.toISOString() : null,
  };
}
