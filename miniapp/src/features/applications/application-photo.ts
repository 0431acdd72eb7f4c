import { APPLICATION_PHOTO_MISSING_MESSAGE, getCertificateType, type ApplicationDetail } from '@roadcert/shared';

export interface ApplicationPhoto {
  id: string;
  url: string;
}

/** The processed portrait attached to the application, or null. */
export function photoOf(detail: Pick<ApplicationDetail, 'photo'>): ApplicationPhoto | null {
  return detail.photo ? { id: detail.photo.id, url: detail.photo.url } : null;
}

/** Whether the form has a photo step: the type takes a portrait and the kind's 一次性告知 lists one. */
export function hasPhotoStep(detail: Pick<ApplicationDetail, 'typeCode' | 'requirements'>): boolean {
  return detail.requirements.photo !== null && getCertificateType(detail.typeCode)?.photo != null;
}

/**
 * Whether the form asks for the photo before going on to 确认提交. The server answers it
 * (`photoRequired`: the rule submit enforces, `applicationNeedsPhoto`, with whether the base
 * certificate has a portrait to carry over — which only the server can see).
 */
export function photoRequiredHere(
  detail: Pick<ApplicationDetail, 'photoRequired' | 'typeCode' | 'requirements'>,
): boolean {
  return detail.photoRequired && hasPhotoStep(detail);
}

/** The missing-photo problem (key `photo`, on the 照片与材料 step) when the form asks for one and none is attached. */
export function photoProblem(
  detail: Pick<ApplicationDetail, 'photoRequired' | 'typeCode' | 'requirements'>,
  photo: ApplicationPhoto | null,
): Record<string, string> {
  return photoRequiredHere(detail) && !photo ? { photo: APPLICATION_PHOTO_MISSING_MESSAGE } : {};
}
