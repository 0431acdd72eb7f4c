import { errorCodes, type CompletionTaskView } from '@roadcert/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { ApiError, toApiError } from '../../lib/api-error';
import { apiUrl } from '../../lib/api-url';
import { pickImage, releaseImage, type ImageSource } from '../../lib/image-picker';
import { useDidShow } from '../../lib/page';
import type { PickedImage } from '../../lib/picked-image';
import { navigate } from '../../lib/router';
import { takeHandedPhoto, taskPhotoKey } from '../photo/photo-handoff';
import { precheckImage } from '../photo/prechecks';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchCompletionTask, supplyCompletion } from './api';
import { uploadEvidence } from './evidence';
import { buildSupplyRequest, initialValue, placeSupplyError, supplyProblems, taskField } from './supply-form';

/** The evidence photo attached to the supply: its id, and something to show. */
export interface EvidencePhoto {
  id: string;
  /** An <Image> src: the picked file on this device, or the portrait's signed link. */
  src: string;
}

function load(id: string | undefined): Promise<CompletionTaskView> {
  if (!id)
    return Promise.reject(new ApiError({ code: 'NOT_FOUND', status: 404, message: errorCodes.NOT_FOUND.message }));
  return fetchCompletionTask(id);
}

/**
 * One completion task: shows it, and while it can be supplied (待补充, 已退回) keeps the value
 * being typed, the evidence photo (uploaded as soon as it is chosen), and sends the supply.
 * The server's answer replaces the task on screen (待审核).
 */
export function useCompletionTask(id: string | undefined) {
  const loader = useCallback(() => load(id), [id]);
  const remote = useRemote(loader, (error) => followErrorNavigation(error));
  const [current, setCurrent] = useState<CompletionTaskView | null>(null);
  const [value, setValueState] = useState('');
  const [photo, setPhoto] = useState<EvidencePhoto | null>(null);
  const [errors, setErrors] = useState<{ value?: string; evidence?: string; form?: string }>({});
  const [busy, setBusy] = useState<'uploading' | 'submitting' | null>(null);
  const picked = useRef<PickedImage | null>(null);

  const task = current ?? (remote.state.status === 'ready' ? remote.state.data : null);
  const field = task ? taskField(task) : undefined;

  // Prefill once per loaded task (again after a reload brings a returned task).
  const prefilledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!task || prefilledFor.current === `${task.id}:${task.state}`) return;
    prefilledFor.current = `${task.id}:${task.state}`;
    setValueState(initialValue(task));
  }, [task]);

  useEffect(
    () => () => {
      if (picked.current) releaseImage(picked.current);
    },
    [],
  );

  // Back from the portrait page: take the accepted portrait.
  useDidShow(() => {
    if (!id) return;
    const handed = takeHandedPhoto(taskPhotoKey(id));
    if (handed) {
      setPhoto({ id: handed.id, src: apiUrl(handed.url) });
      setErrors((previous) => ({ ...previous, evidence: undefined }));
    }
  });

  function setValue(next: string): void {
    setValueState(next);
    setErrors((previous) => ({ ...previous, value: undefined, form: undefined }));
  }

  async function choosePhoto(source: ImageSource): Promise<void> {
    if (busy) return;
    let image: PickedImage | null;
    try {
      image = await pickImage(source, 'back');
    } catch (cause) {
      setErrors((previous) => ({ ...previous, evidence: cause instanceof Error ? cause.message : '无法选择照片' }));
      return;
    }
    if (!image) return;
    const problem = precheckImage(image);
    if (problem) {
      releaseImage(image);
      setErrors((previous) => ({ ...previous, evidence: problem.message }));
      return;
    }
    setBusy('uploading');
    setErrors((previous) => ({ ...previous, evidence: undefined }));
    try {
      const outcome = await uploadEvidence(image);
      if (outcome.kind === 'rejected') {
        releaseImage(image);
        setErrors((previous) => ({ ...previous, evidence: outcome.message }));
        return;
      }
      if (picked.current) releaseImage(picked.current);
      picked.current = image;
      setPhoto({ id: outcome.result.photo.id, src: image.path });
    } catch (cause) {
      releaseImage(image);
      const error = toApiError(cause);
      if (!followErrorNavigation(error)) setErrors((previous) => ({ ...previous, evidence: error.message }));
    } finally {
      setBusy(null);
    }
  }

  /** A portrait task: the portrait page (crop, online check) hands the photo back. */
  function takePortrait(): void {
    if (!task) return;
    void navigate('photo', { typeCode: task.typeCode, taskId: task.id });
  }

  async function submit(): Promise<void> {
    if (!task || busy) return;
    const draft = { value, evidencePhotoId: photo?.id ?? null };
    const problems = supplyProblems(task, draft);
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return;
    }
    setBusy('submitting');
    setErrors({});
    try {
      setCurrent(await supplyCompletion(task.id, buildSupplyRequest(task, draft)));
    } catch (cause) {
      const error = toApiError(cause);
      if (followErrorNavigation(error)) return;
      setErrors(placeSupplyError(error.code, error.message, error.fields));
      if (error.code === 'TASK_STATE_INVALID') {
        setCurrent(null);
        await remote.reload();
      }
    } finally {
      setBusy(null);
    }
  }

  async function reload(): Promise<void> {
    setCurrent(null);
    await remote.reload();
  }

  return { remote, task, field, value, photo, errors, busy, setValue, choosePhoto, takePortrait, submit, reload };
}

export type CompletionTaskForm = ReturnType<typeof useCompletionTask>;
