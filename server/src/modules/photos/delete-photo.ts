import { AppError } from '../../errors';
import { createAuditLog } from '../../lib/audit';
import type { AppDeps } from '../../app';
import type { AuthState } from '../session/authenticate';
import { auditActor } from '../identity/caller';
import { findOwnPhoto } from './photo-access';
import { createPhotoRepo } from './photos.repo';

/**
 * 删除照片: objects first, then the row. If an object cannot be removed the call fails
 * (UPSTREAM_UNAVAILABLE) with the row untouched, and retrying is safe (removing a
 * missing object is not an error); the row is only marked DELETED once its objects are
 * gone, so no object ever outlives its row. The row stays (DELETED) because history may
 * point at it. A certificate's portrait, or a photo attached to an application that is not
 * REJECTED (drafts included: detach it there first), cannot be deleted (PHOTO_IN_USE).
 */
export async function deletePhoto(deps: AppDeps, state: AuthState, photoId: string) {
  const photos = createPhotoRepo(deps.prisma);
  const photo = await findOwnPhoto(deps.prisma, state, photoId);
  if (await photos.isInUse(photo.id)) throw new AppError('PHOTO_IN_USE');
  try {
    await Promise.all(
      [photo.processedKey, photo.originalKey]
        .filter((k): k is string => k !== null)
        .map((key) => deps.storage.delete(key)),
    );
  } catch (err) {
    throw new AppError('UPSTREAM_UNAVAILABLE', { message: '照片删除失败，请稍后重试', cause: err });
  }
  await deps.prisma.$transaction(async (tx) => {
    if (!(await photos.markDeleted(tx, photo.id, new Date()))) return;
    await createAuditLog(deps.prisma).record(
      {
        ...auditActor(state),
        action: 'photo.delete',
        subjectType: 'photo',
        subjectId: photo.id,
        outcome: 'OK',
        detail: { purpose: photo.purpose },
      },
      tx,
    );
  });
}
