import { consentTexts, type ConsentKind } from '@roadcert/shared';
import { AppError } from '../../../errors';
import type { ConsentRepo } from './consents.repo';

/*
 * PIPL consents (separate consent for ID numbers and face data, Art. 29). A consent is
 * current while it is not withdrawn and was given to the current version of its text;
 * a new text version means asking again.
 */

/** The newest unwithdrawn consent of each kind (any text version). */
export async function givenConsents(consents: Pick<ConsentRepo, 'standing'>, accountId: string) {
  const rows = await consents.standing(accountId);
  const newest = new Map<ConsentKind, (typeof rows)[number]>();
  for (const r of rows) if (!newest.has(r.kind)) newest.set(r.kind, r);
  return [...newest.values()];
}

/** Throws CONSENT_REQUIRED naming every missing kind (fields: kind → title). */
export async function requireConsents(
  consents: Pick<ConsentRepo, 'standing'>,
  accountId: string,
  kinds: readonly ConsentKind[],
) {
  const current = new Set(
    (await givenConsents(consents, accountId))
      .filter((c) => c.textVersion === consentTexts[c.kind].version)
      .map((c) => c.kind),
  );
  const missing = kinds.filter((k) => !current.has(k));
  if (missing.length === 0) return;
  throw new AppError('CONSENT_REQUIRED', {
    message: `请先阅读并同意${missing.map((k) => `《${consentTexts[k].title}》`).join('')}`,
    fields: Object.fromEntries(missing.map((k) => [k, consentTexts[k].title])),
  });
}

/** Records consent to the current text; granting the same version again is a no-op. */
export async function grantConsent(consents: ConsentRepo, accountId: string, kind: ConsentKind, textVersion: string) {
  const current = consentTexts[kind].version;
  if (textVersion !== current) {
    throw new AppError('VALIDATION_FAILED', {
      message: '授权文本已更新，请重新阅读后同意',
      fields: { textVersion: `当前版本为 ${current}` },
    });
  }
  if (await consents.findStanding(accountId, kind, textVersion)) return { created: false };
  await consents.create(accountId, kind, textVersion);
  return { created: true };
}

/** Withdraws every standing consent of that kind; returns how many were withdrawn. */
export const withdrawConsent = (consents: ConsentRepo, accountId: string, kind: ConsentKind) =>
  consents.withdrawAll(accountId, kind, new Date());
