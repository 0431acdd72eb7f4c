import { realNameBindSchema } from '@roadcert/shared';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../lib/api-error';
import { validateForm } from '../../lib/validation';
import type { Account } from '../account/api';
import { ensureConsent, grantConsent } from '../consent/api';
import { CONSENT_NOT_TICKED } from '../consent/components/ConsentCheck';
import { hasCurrentConsent } from '../consent/consent-state';
import { bindRealName } from './api';
import { rememberIdentity } from './identity-memory';
import { NO_REAL_NAME_ERRORS, placeRealNameError, type RealNameErrors } from './real-name-errors';

/**
 * 姓名 + 身份证号 with the separate ID-number consent: checked with the shared
 * `realNameBindSchema`, consent recorded first, then bound. `onError` gets first say on errors
 * that move the flow elsewhere (returns true when handled).
 */
export function useRealNameForm(account: Account, onBound: (account: Account) => void, onError: (error: ApiError) => boolean) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [consented, setConsented] = useState(false);
  const [errors, setErrors] = useState<RealNameErrors>(NO_REAL_NAME_ERRORS);
  const [pending, setPending] = useState(false);
  const [serverWantsConsent, setServerWantsConsent] = useState(false);

  const needsConsent = serverWantsConsent || !hasCurrentConsent(account.consents, 'ID_NUMBER');

  async function submit(): Promise<void> {
    if (pending || errors.locked) return;
    const checked = validateForm(realNameBindSchema, { name, idNumber });
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
      const bound = await bindRealName(checked.value);
      rememberIdentity(checked.value);
      onBound(bound);
    } catch (cause) {
      const error = toApiError(cause);
      if (onError(error)) return;
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

  return { name, setName, idNumber, setIdNumber, consented, setConsented, needsConsent, errors, pending, submit };
}
