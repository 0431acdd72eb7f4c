import { applicationNeedsPhoto, getCertificateType, type ApplicationDetail } from '@roadcert/shared';
import { typeCodeParam } from './params';

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
 * Whether the form itself refuses to go on without a photo. The server's rule
 * (`applicationNeedsPhoto`) lets a base certificate's portrait stand in, and the client cannot
 * see whether the base has one, so it assumes it does: only 申领, or an application without a
 * base certificate, is stopped here. Otherwise the server's VALIDATION_FAILED `photoId` says so,
 * and the message lands on the photo card.
 */
export function photoRequiredHere(detail: Pick<ApplicationDetail, 'typeCode' | 'kind' | 'baseCertificateId'>): boolean {
  const typeCode = typeCodeParam(detail.typeCode);
  if (!typeCode) return false;
  return applicationNeedsPhoto(typeCode, detail.kind, detail.kind !== 'INITIAL' && detail.baseCertificateId !== null);
}
