import { AppError } from '../../errors';
import { createAuditLog } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import type { PrismaClient } from '../../generated/prisma/client';
import type { AuthState } from '../session/authenticate';
import { auditActor } from '../identity/caller';
import { createPhotoRepo, type PhotoRow } from './photos.repo';

/**
 * The one access rule for photos: the caller's bound holder's own, live photo. Anything
 * else — another holder's, deleted, made up, not even a UUID — is the same 404, and
 * leaves an audit record (photo.access_denied), as certificates do.
 */
export async function findOwnPhoto(prisma: PrismaClient, state: AuthState, photoId: string): Promise<PhotoRow> {
  const holderId = state.auth?.holderId ?? null;
  const photo = isUuid(photoId) ? await createPhotoRepo(prisma).findLive(photoId) : null;
  if (photo && holderId !== null && photo.holderId === holderId) return photo;
  await createAuditLog(prisma).record({
    ...auditActor(state),
    action: 'photo.access_denied',
    subjectType: 'photo',
    subjectId: photoId.slice(0, 64),
    outcome: 'DENIED',
    detail: { reason: photo ? 'other_holder' : 'not_found' },
  });
  throw new AppError('NOT_FOUND');
}
