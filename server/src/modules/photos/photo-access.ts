import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import { auditActor, type AuthState } from '../account';
import type { PhotoRepo, PhotoRow } from './photos.repo';

/** What the access rule reads and where it records a refusal. */
export type PhotoAccessDeps = { photos: Pick<PhotoRepo, 'findLive'>; audit: AuditLog };

/**
 * The one access rule for photos: the caller's bound holder's own, live photo. Anything
 * else — another holder's, deleted, made up, not even a UUID — is the same 404, and
 * leaves an audit record (photo.access_denied), as certificates do.
 */
export async function findOwnPhoto(
  { photos, audit }: PhotoAccessDeps,
  state: AuthState,
  photoId: string,
): Promise<PhotoRow> {
  const holderId = state.auth?.holderId ?? null;
  const photo = isUuid(photoId) ? await photos.findLive(photoId) : null;
  if (photo && holderId !== null && photo.holderId === holderId) return photo;
  await audit.record({
    ...auditActor(state),
    action: 'photo.access_denied',
    subjectType: 'photo',
    subjectId: photoId.slice(0, 64),
    outcome: 'DENIED',
    detail: { reason: photo ? 'other_holder' : 'not_found' },
  });
  throw new AppError('NOT_FOUND');
}
