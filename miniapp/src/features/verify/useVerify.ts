import type { VerifyResult } from '@roadcert/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../../lib/api-error';
import { verifyOnline } from './api';
import { tokenDigits } from './token-text';

export type VerifyState =
  | { status: 'idle' }
  | { status: 'checking'; token: string }
  | { status: 'done'; token: string; result: VerifyResult }
  | { status: 'error'; token: string; error: ApiError };

/**
 * The portal's verify page: checks the token from the link (`?t=`) as soon as the page opens,
 * and any code entered by hand afterwards. Only the latest check may update the screen.
 */
export function useVerify(initial: string | undefined): { state: VerifyState; verify: (token: string) => void } {
  const [linkToken] = useState(() => (initial ? tokenDigits(initial) : null));
  const [state, setState] = useState<VerifyState>(() =>
    linkToken ? { status: 'checking', token: linkToken } : { status: 'idle' },
  );
  const latest = useRef(0);

  const verify = useCallback((token: string) => {
    const call = ++latest.current;
    setState({ status: 'checking', token });
    verifyOnline(token, 'QR_PORTAL').then(
      (result) => {
        if (call === latest.current) setState({ status: 'done', token, result });
      },
      (cause: unknown) => {
        if (call === latest.current) setState({ status: 'error', token, error: toApiError(cause) });
      },
    );
  }, []);

  // The link's token, once, when the page opens.
  useEffect(() => {
    if (linkToken) verify(linkToken);
  }, [linkToken, verify]);

  return { state, verify };
}
