import { operatorActivateSchema } from '@roadcert/shared';
import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { toastSuccess } from '../../lib/feedback';
import { validateForm } from '../../lib/validation';
import type { Account } from '../account/api';
import { ensureConsent, grantConsent } from '../consent/api';
import { CONSENT_NOT_TICKED } from '../consent/components/ConsentCheck';
import { hasCurrentConsent } from '../consent/consent-state';
import { NO_REAL_NAME_ERRORS, placeRealNameError, type RealNameErrors } from '../identity/real-name-errors';
import { followSignInNavigation } from '../session/error-navigation';
import { activateOperator } from './api';

/** 激活企业账号: USCC + legal representative's name and ID number (with the ID-number consent). */
export function useActivateOperator(account: Account, onActivated: () => void) {
  const [creditCode, setCreditCode] = useState('');
  const [legalRepName, setLegalRepName] = useState('');
  const [legalRepIdNumber, setLegalRepIdNumber] = useState('');
  const [consented, setConsented] = useState(false);
  const [serverWantsConsent, setServerWantsConsent] = useState(false);
  const [errors, setErrors] = useState<RealNameErrors>(NO_REAL_NAME_ERRORS);
  const [pending, setPending] = useState(false);

  const needsConsent = serverWantsConsent || !hasCurrentConsent(account.consents, 'ID_NUMBER');

  async function submit(): Promise<void> {
    if (pending || errors.locked) return;
    const checked = validateForm(operatorActivateSchema, { creditCode, legalRepName, legalRepIdNumber });
    const fields = checked.ok ? {} : { ...checked.fields };
    if (needsConsent && !consented) fields.consent = CONSENT_NOT_TICKED;
    if (!checked.ok || Object.keys(fields).length > 0) {
      setErrors({ ...NO_REAL_NAME_ERRORS, fields });
      return;
    }
    setPending(true);
    setErrors(NO_REAL_NAME_ERRORS);
    try {
      if (serverWantsConsent) await grantConsent('ID_NUMBER');
      else await ensureConsent(account, 'ID_NUMBER');
      await activateOperator(checked.value);
      toastSuccess('企业账号已激活');
      onActivated();
    } catch (cause) {
      const error = toApiError(cause);
      if (followSignInNavigation(error)) return;
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

  return {
    creditCode,
    setCreditCode: (value: string) => setCreditCode(value.replace(/\s/g, '').toUpperCase()),
    legalRepName,
    setLegalRepName,
    legalRepIdNumber,
    setLegalRepIdNumber: (value: string) => setLegalRepIdNumber(value.replace(/\s/g, '').toUpperCase()),
    consented,
    setConsented,
    needsConsent,
    errors,
    pending,
    submit,
  };
}
