import { errorCodes, type ApplicationDetail } from '@roadcert/shared';
import { useEffect, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { ApiError, toApiError } from '../../lib/api-error';
import { navigate, redirect } from '../../lib/router';
import { askForReminders } from '../messages/subscriptions';
import { useSubscriptionPrefetch } from '../messages/useSubscriptionPrefetch';
import { takeHandedPhoto } from '../photo/photo-handoff';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchApplication, saveApplicationDraft, submitApplication } from './api';
import { hasPhotoStep, photoOf, photoProblem, photoRequiredHere, type ApplicationPhoto } from './application-photo';
import { blocksSubmit, refusalLines } from './compliance-view';
import {
  fieldLabel,
  formFieldsFor,
  formSteps,
  initialValues,
  placeErrors,
  problemsBefore,
  toFormData,
  validateForm,
  type FormField,
  type FormStep,
} from './form-state';
import { canEdit } from './status-view';
import { createSubmissionKeys } from './submission-key';

export const SUBMIT_UNKNOWN_MESSAGE = '网络中断，未能确认是否提交成功。请再点一次“提交申请”，不会重复提交。';

function load(id: string | undefined): Promise<ApplicationDetail> {
  if (!id)
    return Promise.reject(new ApiError({ code: 'NOT_FOUND', status: 404, message: errorCodes.NOT_FOUND.message }));
  return fetchApplication(id);
}

/** What is wrong before anything is sent: the shared field checks, and a missing photo where the server requires one. */
function localProblems(
  detail: ApplicationDetail,
  fields: readonly FormField[],
  values: Record<string, string>,
  photo: ApplicationPhoto | null,
) {
  return { ...validateForm(detail.typeCode, fields, values), ...photoProblem(detail, photo) };
}

/**
 * The application form: loads the draft (or the returned application), keeps the typed values,
 * saves the draft to the server whenever a step is left (so it continues on another device),
 * and submits once per attempt (idempotency key) with the server's field errors placed next to
 * their fields.
 */
export function useApplicationForm(id: string | undefined) {
  useSubscriptionPrefetch();
  const remote = useRemote(
    () => load(id),
    (error) => followErrorNavigation(error),
  );
  const [saved, setSaved] = useState<ApplicationDetail | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<ReadonlySet<string>>(new Set());
  const [step, setStep] = useState<FormStep>('confirm');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'saving' | 'submitting' | null>(null);
  const [photo, setPhoto] = useState<ApplicationPhoto | null>(null);
  /** The server's 422 COMPLIANCE_BLOCKED lines, until the next save rechecks. */
  const [refused, setRefused] = useState<string[]>([]);
  const keys = useRef(createSubmissionKeys());
  const blockedAfterSave = useRef(false);
  const submitting = useRef(false);

  const fields = saved ? formFieldsFor(saved.typeCode, saved.kind) : [];
  const photoStep = saved ? hasPhotoStep(saved) : false;
  const photoRequired = saved ? photoRequiredHere(saved) : false;

  useEffect(() => {
    if (remote.state.status !== 'ready' || saved) return;
    const detail = remote.state.data;
    if (!canEdit(detail.state)) {
      void redirect('application', { id: detail.id });
      return;
    }
    const detailFields = formFieldsFor(detail.typeCode, detail.kind);
    setSaved(detail);
    setValues(initialValues(detailFields, detail.formData));
    setPhoto(photoOf(detail));
    // Returned: the reviewer's reasons sit next to the fields they name, which open for editing.
    const placed = placeErrors(detail.returnReasons ?? undefined, detailFields, hasPhotoStep(detail));
    setErrors(placed.byField);
    setOtherErrors(placed.other);
    setEditing(new Set(Object.keys(placed.byField)));
    if (placed.step) setStep(placed.step);
  }, [remote.state, saved]);

  function setValue(key: string, value: string): void {
    setValues((previous) => ({ ...previous, [key]: value }));
    setErrors((previous) => {
      if (!(key in previous)) return previous;
      const { [key]: _cleared, ...rest } = previous;
      return rest;
    });
  }

  function edit(key: string): void {
    setEditing((previous) => new Set([...previous, key]));
  }

  /** PUT draft (with `photoId` only when a new photo is attached); true when saved. A failure is shown and keeps the person on the step. */
  async function persist(photoId?: string): Promise<boolean> {
    if (!saved) return false;
    setBusy('saving');
    try {
      const updated = await saveApplicationDraft(saved.id, toFormData(saved.formData, fields, values), photoId);
      setSaved(updated);
      setRefused([]);
      blockedAfterSave.current = blocksSubmit(updated.compliance);
      const attached = photoOf(updated);
      if (attached) setPhoto(attached);
      return true;
    } catch (cause) {
      const error = toApiError(cause);
      if (!followErrorNavigation(error)) setNotice(`草稿未能保存：${error.message}`);
      return false;
    } finally {
      setBusy(null);
    }
  }

  function showProblems(problems: Record<string, string>): boolean {
    const placed = placeErrors(problems, fields, photoStep);
    setErrors(placed.byField);
    setOtherErrors(placed.other);
    setEditing((previous) => new Set([...previous, ...Object.keys(placed.byField)]));
    if (placed.step) setStep(placed.step);
    return placed.step !== null;
  }

  /** Leaves the current step: forward only when its fields are right; the draft is saved either way. */
  async function goTo(target: FormStep): Promise<void> {
    if (!saved || busy || target === step) return;
    setNotice(null);
    const forward = formSteps.indexOf(target) > formSteps.indexOf(step);
    if (forward) {
      const problems = localProblems(saved, fields, values, photo);
      const here = problemsBefore(problems, fields, target);
      if (Object.keys(here).length > 0) {
        showProblems(here);
        return;
      }
    }
    if ((await persist()) || !forward) setStep(target);
  }

  /** Opens the photo page for this application; the accepted photo comes back through photo-handoff. */
  function takePhoto(): void {
    if (!saved) return;
    void navigate('photo', { typeCode: saved.typeCode, applicationId: saved.id });
  }

  /** Back from the photo page: attach the accepted photo and save it with the draft. */
  async function receivePhoto(): Promise<void> {
    if (!id) return;
    const handed = takeHandedPhoto(id);
    if (!handed) return;
    setPhoto(handed);
    setErrors((previous) => {
      const { photo: _cleared, ...rest } = previous;
      return rest;
    });
    await persist(handed.id);
  }

  async function submit(): Promise<void> {
    if (!saved || submitting.current) return;
    // Mini-program: offer 办理进度 reminders by 微信服务通知. WeChat shows that dialog only within
    // the tap, so it starts here, before any await; it never holds up the submission.
    void askForReminders('submitted');
    submitting.current = true;
    setBusy('submitting');
    setNotice(null);
    try {
      if (showProblems(localProblems(saved, fields, values, photo))) return;
      if (!(await persist())) return;
      // The save answered with the recheck; a blocking failure shows in 数据校验 above the button.
      if (blockedAfterSave.current) return;
      setBusy('submitting');
      try {
        await submitApplication(saved.id, keys.current.current());
      } catch (cause) {
        const error = toApiError(cause);
        if (error.code === 'NETWORK') {
          setNotice(SUBMIT_UNKNOWN_MESSAGE);
          return; // same attempt: the next tap sends the same key
        }
        keys.current.settled();
        if (error.code === 'COMPLIANCE_BLOCKED') {
          setRefused(refusalLines(error.fields, error.message, (key) => fieldLabel(saved.typeCode, saved.kind, key)));
          return;
        }
        if (error.code === 'VALIDATION_FAILED' && error.fields) showProblems(error.fields);
        if (!followErrorNavigation(error)) setNotice(error.message);
        return;
      }
      keys.current.settled();
      await redirect('application', { id: saved.id });
    } finally {
      submitting.current = false;
      setBusy(null);
    }
  }

  return {
    remote,
    saved,
    blocked: saved ? blocksSubmit(saved.compliance) : false,
    refused,
    fields,
    photoStep,
    photoRequired,
    values,
    editing,
    step,
    errors,
    otherErrors,
    notice,
    busy,
    photo,
    setValue,
    edit,
    goTo,
    takePhoto,
    receivePhoto,
    submit,
  };
}

export type ApplicationForm = ReturnType<typeof useApplicationForm>;
