import type { ApiError } from '../../lib/api-error';
import type { FieldErrors } from '../../lib/validation';

export interface SmsFormErrors {
  fields: FieldErrors;
  /** About the whole form: locked, rate limited, network, outage. */
  form: string | null;
  /** The code can no longer work: the person should ask for a new one now. */
  allowResend: boolean;
}

/**
 * Where an SMS sign-in error is shown. The server's Chinese message is used as is; the code
 * only decides the place: a wrong or expired code belongs to the code field, a malformed
 * number to the phone field, everything else (locked, too many sends, outage) above the button.
 */
export function placeSmsError(error: ApiError): SmsFormErrors {
  switch (error.code) {
    case 'SMS_CODE_INVALID':
      return { fields: { code: error.message }, form: null, allowResend: false };
    case 'SMS_CODE_EXPIRED':
      return { fields: { code: error.message }, form: null, allowResend: true };
    case 'VALIDATION_FAILED':
      if (error.fields && Object.keys(error.fields).length > 0)
        return { fields: { ...error.fields }, form: null, allowResend: false };
      return { fields: {}, form: error.message, allowResend: false };
    default:
      return { fields: {}, form: error.message, allowResend: false };
  }
}

/**
 * How long the send button should wait after an error, from the server's `retryAfterSeconds`:
 * too many codes for this number or network (SMS_RATE_LIMITED), or the number locked after wrong
 * codes (SMS_CODE_LOCKED, no new code until it ends). Null: no wait given, the button stays usable.
 */
export function resendWaitAfter(error: ApiError): number | null {
  if (error.code !== 'SMS_RATE_LIMITED' && error.code !== 'SMS_CODE_LOCKED') return null;
  const wait = error.retryAfterSeconds;
  return wait !== undefined && Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : null;
}
