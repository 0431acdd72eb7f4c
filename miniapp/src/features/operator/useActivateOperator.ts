import { operatorActivateSchema } from '@roadcert/shared';
import { useState } from 'react';
import { toastSuccess } from '../../lib/feedback';
import { validateForm } from '../../lib/validation';
import type { Account } from '../account/api';
import { useIdNumberSubmission } from '../identity/useIdNumberSubmission';
import { followSignInNavigation } from '../session/error-navigation';
import { activateOperator } from './api';

/** 激活企业账号: USCC + legal representative's name and ID number (with the ID-number consent). */
export function useActivateOperator(account: Account, onActivated: () => void) {
  const [creditCode, setCreditCode] = useState('');
  const [legalRepName, setLegalRepName] = useState('');
  const [legalRepIdNumber, setLegalRepIdNumber] = useState('');
  const submission = useIdNumberSubmission(account, {
    validate: () => validateForm(operatorActivateSchema, { creditCode, legalRepName, legalRepIdNumber }),
    send: async (value) => {
      await activateOperator(value);
      toastSuccess('企业账号已激活');
      onActivated();
    },
    onError: followSignInNavigation,
  });

  return {
    creditCode,
    setCreditCode: (value: string) => setCreditCode(value.replace(/\s/g, '').toUpperCase()),
    legalRepName,
    setLegalRepName,
    legalRepIdNumber,
    setLegalRepIdNumber: (value: string) => setLegalRepIdNumber(value.replace(/\s/g, '').toUpperCase()),
    ...submission,
  };
}
