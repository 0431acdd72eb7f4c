import { realNameBindSchema } from '@roadcert/shared';
import { useState } from 'react';
import type { ApiError } from '../../lib/api-error';
import { validateForm } from '../../lib/validation';
import type { Account } from '../account/api';
import { bindRealName } from './api';
import { rememberIdentity } from './identity-memory';
import { useIdNumberSubmission } from './useIdNumberSubmission';

/**
 * 姓名 + 身份证号 with the separate ID-number consent: checked with the shared
 * `realNameBindSchema`, consent recorded first, then bound. `onError` gets first say on errors
 * that move the flow elsewhere (returns true when handled).
 */
export function useRealNameForm(
  account: Account,
  onBound: (account: Account) => void,
  onError: (error: ApiError) => boolean,
) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const submission = useIdNumberSubmission(account, {
    validate: () => validateForm(realNameBindSchema, { name, idNumber }),
    send: async (value) => {
      const bound = await bindRealName(value);
      rememberIdentity(value);
      onBound(bound);
    },
    onError,
  });
  return { name, setName, idNumber, setIdNumber, ...submission };
}
