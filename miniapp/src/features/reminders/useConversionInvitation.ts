import type {
  ConversionInvitationFilter,
  ConversionInvitationPreview,
  ConversionInvitationRun,
} from '@roadcert/shared';
import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { confirm } from '../../lib/feedback';
import { followStaffSignIn } from '../staff/staff-navigation';
import { previewInvitation, sendInvitation } from './api';
import {
  confirmText,
  initialInvitationForm,
  invitationFilter,
  sameFilter,
  toggleCarrier,
  type InvitationCarrier,
  type InvitationErrors,
  type InvitationForm,
} from './invitation';

type Previewed = { filter: ConversionInvitationFilter; preview: ConversionInvitationPreview };

/** 换领邀请: form → 预览 (counts and the SMS text) → confirm → 发送 (a run, written in the background). */
export function useConversionInvitation(onSent?: () => void) {
  const [form, setForm] = useState<InvitationForm>(initialInvitationForm);
  const [errors, setErrors] = useState<InvitationErrors>({});
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [pending, setPending] = useState<'preview' | 'send' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sent, setSent] = useState<ConversionInvitationRun | null>(null);

  function change(next: InvitationForm): void {
    setForm(next);
    setErrors({});
    setSent(null);
  }

  const current = invitationFilter(form);
  // A preview shows only while the form still says what it was made for.
  const preview = previewed && current.filter && sameFilter(previewed.filter, current.filter) ? previewed : null;

  async function runPreview(): Promise<void> {
    if (pending) return;
    const checked = invitationFilter(form);
    if (!checked.filter) {
      setErrors(checked.errors);
      return;
    }
    setPending('preview');
    setNotice(null);
    setSent(null);
    try {
      setPreviewed({ filter: checked.filter, preview: await previewInvitation(checked.filter) });
    } catch (cause) {
      const error = toApiError(cause);
      if (!followStaffSignIn(error)) setNotice(`预览失败：${error.message}`);
    } finally {
      setPending(null);
    }
  }

  async function send(): Promise<void> {
    if (pending || !preview) return;
    const sure = await confirm({
      title: '发送换领邀请',
      content: confirmText(preview.filter, preview.preview),
      confirmText: '发送',
    });
    if (!sure) return;
    setPending('send');
    setNotice(null);
    try {
      setSent(await sendInvitation(preview.filter));
      setPreviewed(null);
      onSent?.();
    } catch (cause) {
      const error = toApiError(cause);
      if (!followStaffSignIn(error)) setNotice(`发送失败：${error.message}`);
    } finally {
      setPending(null);
    }
  }

  return {
    form,
    errors,
    preview,
    pending,
    notice,
    sent,
    setType: (typeCode: InvitationForm['typeCode']) => change({ ...form, typeCode }),
    toggleCarrier: (carrier: InvitationCarrier) => change(toggleCarrier(form, carrier)),
    setAreaPrefix: (areaPrefix: string) => change({ ...form, areaPrefix }),
    runPreview,
    send,
  };
}

export type ConversionInvitationModel = ReturnType<typeof useConversionInvitation>;
