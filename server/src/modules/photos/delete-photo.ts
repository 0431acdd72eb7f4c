import { AppError } from '../../errors';
import { auditActor, type AuthState } from '../account';
import { findOwnPhoto } from './photo-access';
import type { PhotosModule } from './photos.module';

/**
 * 删除照片: objects first, then the row. If an object cannot be removed the call fails
 * (UPSTREAM_UNAVAILABLE) with the row untouched, and retrying is safe (removing a
 * missing object is not an error); the row is only marked DELETED once its objects are
 * gone, so no object ever outlives its row. The row stays (DELETED) because history may
 * point at it. A certificate's portrait, or a photo attached to an application that is not
 * REJECTED (drafts included: detach it there first), cannot be deleted (PHOTO_IN_USE).
 */
export async function deletePhoto({ data, audit, storage }: PhotosModule, state: AuthState, photoId: string) {
  const { photos } = data.repos;
  const photo = await findOwnPhoto({ photos, audit }, state, photoId);
  if (await photos.isInUse(photo.id)) throw new AppError('PHOTO_IN_USE');
  try {
    await Promise.all(
      [photo.processedKey, photo.originalKey].filter((k): k is string => k !== null).map((key) => storage.delete(key)),
    );
  } catch (err) {
    throw new AppError('UPSTREAM_UNAVAILABLE', { message: '照片删除失败，请稍后重试', cause: err });
  }
  await data.transaction(async (r) => {
    if (!(await r.photos.markDeleted(photo.id, new Date()))) return;
    await audit.record(
      {
        ...auditActor(state),
        action: 'photo.delete',
        subjectType: 'photo',
        subjectId: photo.id,
        outcome: 'OK',
        detail: { purpose: photo.purpose },
      },
      r.tx,
    );
  });
}
