import { getCertificateType, type ApplicationPhoto } from '@roadcert/shared';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import type { ObjectStorage } from '../../adapters/storage';
import type { AuthState } from '../account';
import { findOwnPhoto, type PhotoRepo, type PhotoRow } from '../photos';

export type ApplicationPhotosDeps = {
  config: Pick<Config, 'storage'>;
  storage: Pick<ObjectStorage, 'signedUrl'>;
  /** On the root client: reads outside any transaction. */
  photos: PhotoRepo;
  audit: AuditLog;
};

/**
 * The application's portrait (docs/applications.md, "Photo"): which photo may be
 * attached, and how the attached one is shown — a short-lived signed link to the
 * processed image; staff also get the original (review copy), and every such link is
 * audited (photo.original_link).
 */
export function createApplicationPhotos({ config, storage, photos, audit }: ApplicationPhotosDeps) {
  const ttl = config.storage.urlTtlSeconds;
  const signed = async (key: string) => (await storage.signedUrl(key, { expiresInSeconds: ttl })).url;

  /**
   * The photo a draft save wants to attach, checked: the caller's own live photo (anything
   * else is the photo module's 404, audited), a processed portrait, for a type that takes
   * one, and not already someone else's record (a certificate's portrait or another
   * application's photo). Refusals other than 404 are 409 PHOTO_NOT_ATTACHABLE.
   */
  async function checkAttachable(
    state: AuthState,
    application: { id: string; typeCode: string; holderId: string },
    photoId: string,
  ): Promise<PhotoRow> {
    const photo = await findOwnPhoto({ photos, audit }, state, photoId);
    const refuse = (message: string) => new AppError('PHOTO_NOT_ATTACHABLE', { message, fields: { photoId: message } });
    if (!getCertificateType(application.typeCode)?.photo) throw refuse('该证照不需要证件照');
    if (photo.holderId !== application.holderId) throw refuse('只能使用持证人本人的证件照');
    if (photo.purpose !== 'PORTRAIT' || photo.processedKey === null)
      throw refuse('只能使用已通过检查的证件照，请在“证件照”中拍摄或上传');
    const held = await photos.holders(photo.id);
    if (held?.portraitOf) throw refuse('该照片已用于证照，请重新拍摄或上传');
    if (held?.application && held.application.id !== application.id)
      throw refuse('该照片已用于其他申请，请重新拍摄或上传');
    return photo;
  }

  /**
   * Links the photo (or none) on the draft save's transaction repo (`txPhotos`); a photo
   * deleted or linked elsewhere meanwhile → 409.
   */
  async function attach(txPhotos: Pick<PhotoRepo, 'attachPortrait'>, applicationId: string, photoId: string | null) {
    if (!(await txPhotos.attachPortrait(applicationId, photoId)))
      throw new AppError('PHOTO_NOT_ATTACHABLE', {
        message: '照片已被删除或已用于其他申请，请重新选择',
        fields: { photoId: '照片已被删除或已用于其他申请' },
      });
  }

  /** The attached portrait for the holder: id and a signed link to the processed image. */
  async function forHolder(applicationId: string): Promise<ApplicationPhoto | null> {
    const photo = await photos.attachedPortrait(applicationId);
    return photo ? { id: photo.id, url: await signed(photo.processedKey ?? photo.originalKey) } : null;
  }

  /** The attached portrait for a reviewer, with the original's link; the link is audited. */
  async function forStaff(
    state: AuthState,
    staffUserId: string,
    applicationId: string,
  ): Promise<ApplicationPhoto | null> {
    const photo = await photos.attachedPortrait(applicationId);
    if (!photo) return null;
    const [url, originalUrl] = await Promise.all([
      signed(photo.processedKey ?? photo.originalKey),
      signed(photo.originalKey),
    ]);
    await audit.record({
      actorKind: 'STAFF',
      actorId: staffUserId,
      requestId: state.requestId,
      action: 'photo.original_link',
      subjectType: 'photo',
      subjectId: photo.id,
      outcome: 'OK',
      detail: { applicationId },
    });
    return { id: photo.id, url, originalUrl };
  }

  /** Whether a live portrait is attached (submit's photo rule). */
  const hasAttached = async (applicationId: string) => (await photos.attachedPortrait(applicationId)) !== null;

  return { checkAttachable, attach, forHolder, forStaff, hasAttached };
}

export type ApplicationPhotos = ReturnType<typeof createApplicationPhotos>;
