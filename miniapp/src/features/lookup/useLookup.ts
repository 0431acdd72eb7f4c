import type { LookupResult } from '@roadcert/shared';
import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { scrollToSelector } from '../../lib/scroll';
import type { FieldErrors } from '../../lib/validation';
import { lookupCertificate } from './api';
import { emptyLookupForm, lookupTypeOption, validateLookupForm, type LookupForm } from './lookup-form';
import { lookupErrorMessage } from './lookup-result';

/** 证照查询: the form, its per-field checks, the one request, its result or error. */
export function useLookup() {
  const [form, setForm] = useState<LookupForm>(emptyLookupForm);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<LookupResult | null>(null);

  function update(patch: Partial<LookupForm>): void {
    setForm((current) => ({ ...current, ...patch }));
    // The edited field's error goes; a changed question makes the old answer misleading.
    setFields((current) => Object.fromEntries(Object.entries(current).filter(([name]) => !(name in patch))));
    setResult(null);
  }

  async function submit(): Promise<void> {
    if (checking) return;
    const checked = validateLookupForm(form);
    if (!checked.ok) {
      setFields(checked.fields);
      return;
    }
    setFields({});
    setFormError(null);
    setChecking(true);
    try {
      setResult(await lookupCertificate(checked.value));
      // The answer is below the form: bring it into view.
      setTimeout(() => void scrollToSelector('.lookup-result'), 50);
    } catch (cause) {
      const error = toApiError(cause);
      if (error.fields && Object.keys(error.fields).length > 0) setFields({ ...error.fields });
      else setFormError(lookupErrorMessage(error));
    } finally {
      setChecking(false);
    }
  }

  return { form, option: lookupTypeOption(form.typeCode), update, fields, formError, checking, result, submit };
}
