import { shareCreateRequestSchema, shareLimits, type ShareCreated, type SharePurpose } from '@roadcert/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { toApiError } from '../../lib/api-error';
import { validateForm, type FieldErrors } from '../../lib/validation';
import { followErrorNavigation } from '../session/error-navigation';
import { createShare, fetchShareableCertificates } from './api';
import { expiresAtFor, expiryPresets, initialExpiryDays } from './expiry';
import {
  emptySelection,
  groupByOwner,
  initialSelection,
  toShareCandidate,
  toggleCandidate,
  toggleGroup,
  type ShareCandidate,
  type ShareOwnerGroup,
  type ShareSelection,
} from './selection';

export interface ShareCreateStart {
  /** From a certificate page: that certificate. */
  certificateId?: string;
  /** From the operator page: all of that operator's certificates. */
  operatorName?: string;
}

/** 分享证照: choose certificates, purpose, recipient and expiry; create the link. */
export function useShareCreate(start: ShareCreateStart) {
  const certificates = useRemote(fetchShareableCertificates, (error) => followErrorNavigation(error));
  const groups: ShareOwnerGroup[] | null = useMemo(
    () => (certificates.state.status === 'ready' ? groupByOwner(certificates.state.data.map(toShareCandidate)) : null),
    [certificates.state],
  );
  const presets = useMemo(() => expiryPresets(shareLimits.maxDays), []);

  const [selection, setSelection] = useState<ShareSelection>(emptySelection);
  const [purposeCode, setPurposeCode] = useState<SharePurpose | null>(null);
  const [purposeText, setPurposeText] = useState('');
  const [recipientName, setRecipientName] = useState('');
  const [expiryDays, setExpiryDays] = useState(() => initialExpiryDays(presets));
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<ShareCreated | null>(null);

  // Preselect once, when the certificates first arrive; later reloads keep the person's choice.
  const preselected = useRef(false);
  useEffect(() => {
    if (!groups || preselected.current) return;
    preselected.current = true;
    setSelection(initialSelection(groups, start));
  }, [groups, start]);

  async function submit(): Promise<void> {
    if (submitting) return;
    const input = {
      certificateIds: selection.ids,
      purposeCode: purposeCode ?? undefined,
      purposeText: purposeCode === 'OTHER' ? purposeText : undefined,
      recipientName: recipientName.trim() === '' ? undefined : recipientName,
      expiresAt: expiresAtFor(expiryDays, new Date()),
    };
    const checked = validateForm(shareCreateRequestSchema, input);
    if (!checked.ok) {
      setFields(checked.fields);
      return;
    }
    setFields({});
    setFormError(null);
    setSubmitting(true);
    try {
      setCreated(await createShare(checked.value));
    } catch (cause) {
      const error = toApiError(cause);
      if (followErrorNavigation(error)) return;
      if (error.fields && Object.keys(error.fields).length > 0) setFields({ ...error.fields });
      else setFormError(error.message);
    } finally {
      setSubmitting(false);
    }
  }

  /** A field's error goes away as soon as the person changes that field. */
  const edited =
    <T>(field: string, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setFields((current) =>
        field in current ? Object.fromEntries(Object.entries(current).filter(([name]) => name !== field)) : current,
      );
    };

  return {
    certificates,
    groups,
    selection,
    toggle: edited('certificateIds', (candidate: ShareCandidate) =>
      setSelection((current) => toggleCandidate(current, candidate)),
    ),
    toggleAll: edited('certificateIds', (group: ShareOwnerGroup) =>
      setSelection((current) => toggleGroup(current, group)),
    ),
    purposeCode,
    setPurposeCode: edited('purposeCode', setPurposeCode),
    purposeText,
    setPurposeText: edited('purposeText', setPurposeText),
    recipientName,
    setRecipientName: edited('recipientName', setRecipientName),
    presets,
    expiryDays,
    setExpiryDays: edited('expiresAt', setExpiryDays),
    fields,
    formError,
    submitting,
    submit,
    created,
  };
}

export type ShareCreateForm = ReturnType<typeof useShareCreate>;
