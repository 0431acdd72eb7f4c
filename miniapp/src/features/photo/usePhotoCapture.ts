import {
  getCertificateType,
  personPortraitPhotoSpec,
  type PhotoResult,
  type PhotoSpec,
  type PhotoVerdict,
} from '@roadcert/shared';
import { useEffect, useRef, useState } from 'react';
import { isApiError, toApiError } from '../../lib/api-error';
import { pickImage, releaseImage, type ImageSource } from '../../lib/image-picker';
import type { PickedImage } from '../../lib/picked-image';
import { followErrorNavigation } from '../session/error-navigation';
import { uploadPortrait } from './api';
import { handOverPhoto } from './photo-handoff';
import { cropGeometry, fromCropBox, initialFrame, toCropBox, type CropFrame, type CropGeometry } from './crop';
import { precheckImage } from './prechecks';

export type PhotoPhase =
  | { kind: 'choose'; message: string | null }
  | {
      kind: 'crop';
      image: PickedImage;
      geometry: CropGeometry;
      frame: CropFrame;
      uploading: boolean;
      message: string | null;
    }
  | { kind: 'accepted'; image: PickedImage; result: PhotoResult }
  | {
      kind: 'rejected';
      image: PickedImage;
      geometry: CropGeometry;
      frame: CropFrame;
      verdict: PhotoVerdict;
      message: string;
    };

/** The spec of the certificate type asked for, or the person portrait spec. */
export function photoSpecFor(typeCode: string | undefined): PhotoSpec {
  return (typeCode ? getCertificateType(typeCode)?.photo : null) ?? personPortraitPhotoSpec;
}

function messageOf(error: unknown): string {
  if (isApiError(error)) return error.message;
  return error instanceof Error && error.message ? error.message : '操作未完成，请重试';
}

/**
 * 证件照: choose → crop → upload → verdict, and back to choose (retake) from anywhere.
 * The picked image lives until the person retakes or leaves (H5 object URLs are freed then).
 * With `applicationId` (opened from an application form) the photo is uploaded for that
 * application and, once accepted, handed back to the form (photo-handoff); with `handoffKey`
 * (opened from a completion task) it is handed back under that key instead.
 */
export function usePhotoCapture(typeCode: string | undefined, applicationId?: string, handoffKey?: string) {
  const spec = photoSpecFor(typeCode);
  const [phase, setPhase] = useState<PhotoPhase>({ kind: 'choose', message: null });
  const current = useRef<PickedImage | null>(null);

  useEffect(
    () => () => {
      if (current.current) releaseImage(current.current);
    },
    [],
  );

  function forgetImage(): void {
    if (current.current) releaseImage(current.current);
    current.current = null;
  }

  async function choose(source: ImageSource): Promise<void> {
    let image: PickedImage | null;
    try {
      image = await pickImage(source);
    } catch (error) {
      setPhase({ kind: 'choose', message: messageOf(error) });
      return;
    }
    if (!image) return;
    const problem = precheckImage(image);
    if (problem) {
      releaseImage(image);
      setPhase({ kind: 'choose', message: problem.message });
      return;
    }
    forgetImage();
    current.current = image;
    const geometry = cropGeometry(image, spec);
    setPhase({ kind: 'crop', image, geometry, frame: initialFrame(geometry), uploading: false, message: null });
  }

  function setFrame(frame: CropFrame): void {
    setPhase((previous) => (previous.kind === 'crop' && !previous.uploading ? { ...previous, frame } : previous));
  }

  async function submit(): Promise<void> {
    if (phase.kind !== 'crop' || phase.uploading) return;
    const { image, geometry, frame } = phase;
    setPhase({ ...phase, uploading: true, message: null });
    try {
      const outcome = await uploadPortrait(image, { cropBox: toCropBox(frame, geometry), typeCode, applicationId });
      const handTo = handoffKey ?? applicationId;
      if (outcome.kind === 'accepted' && handTo)
        handOverPhoto(handTo, { id: outcome.result.photo.id, url: outcome.result.photo.image.url });
      if (outcome.kind === 'accepted') setPhase({ kind: 'accepted', image, result: outcome.result });
      else setPhase({ kind: 'rejected', image, geometry, frame, verdict: outcome.verdict, message: outcome.message });
    } catch (cause) {
      const error = toApiError(cause);
      if (followErrorNavigation(error)) return;
      setPhase({ ...phase, uploading: false, message: error.message });
    }
  }

  function retake(): void {
    forgetImage();
    setPhase({ kind: 'choose', message: null });
  }

  /** Back to the frame after a rejection (e.g. 人像没有居中), starting from the crop the server applied. */
  function adjust(): void {
    if (phase.kind !== 'rejected') return;
    const frame = phase.verdict.crop ? fromCropBox(phase.verdict.crop, phase.geometry) : phase.frame;
    setPhase({ kind: 'crop', image: phase.image, geometry: phase.geometry, frame, uploading: false, message: null });
  }

  return { spec, phase, choose, setFrame, submit, retake, adjust };
}

export type PhotoCapture = ReturnType<typeof usePhotoCapture>;
