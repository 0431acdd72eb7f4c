import { useState } from 'react';
import { toApiError, type ApiError } from '../../lib/api-error';
import type { Validated } from '../../lib/validation';
import type { Account } from '../account/api';
import { ensureConsent, grantConsent } from '../consent/api';
import { CONSENT_NOT_TICKED } from '../consent/components/ConsentCheck';
import { hasCurrentConsent } from '../consent/consent-state';
import { NO_REAL_NAME_ERRORS, placeRealNameError, type RealNameErrors } from './real-name-errors';

/**
 * What every form that sends an ID number shares (real-name binding, operator activation):
 * the separate ID-number consent (PIPL) — asked when the account has none for the current
 * text, and asked again after the server answers CONSENT_REQUIRED — shared-schema
 * validation, the consent recorded before the request, and errors placed per field.
 * `onError` gets first say on errors that move the flow elsewhere (true when handled).
 */
export function useIdNumberSubmission<T>(
  account: Account,
  options: { validate: () => Validated<T>; send: (value: T) => Promise<void>; onError: (error: ApiError) => boolean },
) {
  const [consented, setConsented] = useState(false);
  const [errors, setErrors] = useState<RealNameErrors>(NO_REAL_NAME_ERRORS);
  const [pending, setPending] = useState(false);
  const [serverWantsConsent, setServerWantsConsent] = useState(false);

  const needsConsent = serverWantsConsent || !hasCurrentConsent(account.consents, 'ID_NUMBER');

  async function submit(): Promise<void> {
    if (pending || errors.locked) return;
    const checked = options.validate();
    const fields = checked.ok ? {} : { ...checked.fields };
    if (needsConsent && !consented) fields.consent = CONSENT_NOT_TICKED;
    if (!checked.ok || Object.keys(fields).length > 0) {
      setErrors({ ...NO_REAL_NAME_ERRORS, fields });
      return;
    }
    setPending(true);
    setErrors(NO_REAL_NAME_ERRORS);
    try {
      // After CONSENT_REQUIRED the account's record is not trusted: grant again.
      if (serverWantsConsent) await grantConsent('ID_NUMBER');
      else await ensureConsent(account, 'ID_NUMBER');
      await options.send(checked.value);
    } catch (cause) {
      const error = toApiError(cause);
      if (options.onError(error)) return;
      const placed = placeRealNameError(error);
      if (placed.consentRequired) {
        setServerWantsConsent(true);
        setConsented(false);
      }
      setErrors(placed);
    } finally {
      setPending(false);
    }
  }

  return { consented, setConsented, needsConsent, errors, pending, submit };
}
