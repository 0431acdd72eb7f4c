import type { ApiError } from '../../lib/api-error';
import type { FieldErrors } from '../../lib/validation';

export interface RealNameErrors {
  fields: FieldErrors;
  form: string | null;
  /** Too many mismatches: the form stays closed until the lock passes. */
  locked: boolean;
  /** The server wants the ID-number consent (again): show the box unticked. */
  consentRequired: boolean;
}

export const NO_REAL_NAME_ERRORS: RealNameErrors = { fields: {}, form: null, locked: false, consentRequired: false };

/**
 * Where a real-name (or operator activation) error goes. A mismatch is about the pair, never one
 * field — the page must not hint which of name or number exists — so it sits above the button.
 */
export function placeRealNameError(error: ApiError): RealNameErrors {
  switch (error.code) {
    case 'REAL_NAME_LOCKED':
      return { ...NO_REAL_NAME_ERRORS, form: error.message, locked: true };
    case 'CONSENT_REQUIRED':
      return { ...NO_REAL_NAME_ERRORS, form: error.message, consentRequired: true };
    case 'VALIDATION_FAILED':
      if (error.fields && Object.keys(error.fields).length > 0)
        return { ...NO_REAL_NAME_ERRORS, fields: { ...error.fields } };
      return { ...NO_REAL_NAME_ERRORS, form: error.message };
    default:
      return { ...NO_REAL_NAME_ERRORS, form: error.message };
  }
}
