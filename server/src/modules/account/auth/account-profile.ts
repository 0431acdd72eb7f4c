import { maskHolderName, type AccountProfile } from '@roadcert/shared';
import { AppError } from '../../../errors';
import type { FaceVerificationRepo } from '../face/face-verifications.repo';
import { givenConsents } from '../identity/consents';
import type { ConsentRepo } from '../identity/consents.repo';
import type { AccountRepo } from './accounts.repo';

/** The repos a profile is read from (any module's unit of work that has these three). */
export type AccountProfileRepos = {
  accounts: Pick<AccountRepo, 'findProfile'>;
  consents: Pick<ConsentRepo, 'standing'>;
  faceVerifications: Pick<FaceVerificationRepo, 'fresh'>;
};

/**
 * The AccountProfile every sign-in, refresh and identity step returns: who the account
 * is bound to, which operators it acts for, its standing consents, and until when its
 * last passed face verification allows activation (window: FACE_VERIFICATION_WINDOW_MINUTES).
 * Consent and face semantics come from their own parts of the module, so there is one meaning.
 */
export async function buildAccountProfile(
  repos: AccountProfileRepos,
  accountId: string,
  faceWindowMinutes: number,
): Promise<AccountProfile> {
  const account = await repos.accounts.findProfile(accountId);
  if (!account) throw new AppError('TOKEN_INVALID');
  const [consents, face] = await Promise.all([
    givenConsents(repos.consents, accountId),
    repos.faceVerifications.fresh(accountId, faceWindowMinutes),
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
