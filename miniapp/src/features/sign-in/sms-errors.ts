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
      if (error.fields && Object.keys(error.fields).length > 0) return { fields: { ...error.fields }, form: null, allowResend: false };
      return { fields: {}, form: error.message, allowResend: false };
    default:
      return { fields: {}, form: error.message, allowResend: false };
  }
}
