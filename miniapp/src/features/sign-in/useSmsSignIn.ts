import { smsCodeRequestSchema, smsLoginSchema, type TokenPair } from '@roadcert/shared';
import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { currentDevice } from '../../lib/device';
import { validateForm } from '../../lib/validation';
import { requestSmsCode, smsLogin } from './api';
import { placeSmsError, resendWaitAfter, type SmsFormErrors } from './sms-errors';
import { useCountdown } from './useCountdown';

const NO_ERRORS: SmsFormErrors = { fields: {}, form: null, allowResend: false };
const phoneAndCode = smsLoginSchema.pick({ phone: true, code: true });

export interface SentCode {
  phone: string;
  /** `console`: the local stand-in recorded the message instead of sending it. */
  deliveredBy: 'console' | 'aliyun';
  /** Bumped on every send so the local outbox panel reloads. */
  serial: number;
}

/** Phone + SMS code sign-in: fields, checks with the shared schemas, resend countdown, errors. */
export function useSmsSignIn(onSignedIn: (pair: TokenPair) => Promise<unknown>) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<SmsFormErrors>(NO_ERRORS);
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [sent, setSent] = useState<SentCode | null>(null);
  const countdown = useCountdown();

  async function sendCode(): Promise<void> {
    if (sending || countdown.remaining > 0) return;
    const checked = validateForm(smsCodeRequestSchema, { phone });
    if (!checked.ok) {
      setErrors({ ...NO_ERRORS, fields: checked.fields });
      return;
    }
    setSending(true);
    setErrors(NO_ERRORS);
    try {
      const result = await requestSmsCode(checked.value.phone);
      setSent({ phone: checked.value.phone, deliveredBy: result.deliveredBy, serial: (sent?.serial ?? 0) + 1 });
      countdown.start(result.resendAfterSeconds);
    } catch (cause) {
      const error = toApiError(cause);
      setErrors(placeSmsError(error));
      // A refused send says how long to wait (retryAfterSeconds): the countdown shows it.
      const wait = resendWaitAfter(error);
      if (wait !== null) countdown.start(wait);
    } finally {
      setSending(false);
    }
  }

  async function signIn(): Promise<void> {
    if (signingIn) return;
    const checked = validateForm(phoneAndCode, { phone, code });
    if (!checked.ok) {
      setErrors({ ...NO_ERRORS, fields: checked.fields });
      return;
    }
    setSigningIn(true);
    setErrors(NO_ERRORS);
    try {
      const pair = await smsLogin({ ...checked.value, device: currentDevice() });
      await onSignedIn(pair);
    } catch (cause) {
      const error = toApiError(cause);
      const placed = placeSmsError(error);
      const wait = resendWaitAfter(error);
      if (placed.allowResend) countdown.stop();
      else if (wait !== null) countdown.start(wait);
      setErrors(placed);
      setSigningIn(false);
    }
  }

  return {
    phone,
    code,
    setPhone: (value: string) => setPhone(value),
    setCode: (value: string) => setCode(value),
    errors,
    sending,
    signingIn,
    sent,
    remaining: countdown.remaining,
    sendCode,
    signIn,
  };
}
