import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';

const photoSelect = {
  id: true,
  holderId: true,
  applicationId: true,
  purpose: true,
  state: true,
  originalKey: true,
  processedKey: true,
  width: true,
  height: true,
  bytes: true,
  verdict: true,
  createdAt: true,
} as const;

export type PhotoRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createPhotoRepo>['findLive']>>>;

export type NewPhoto = {
  holderId: string;
  applicationId: string | null;
  purpose: 'PORTRAIT' | 'EVIDENCE';
  originalKey: string;
  processedKey: string | null;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  verdict: Prisma.InputJsonObject;
};

/** Once an application is REJECTED nothing needs its photos any more; in every other state they are its record. */
const RELEASING_APPLICATION_STATES = ['REJECTED'] as const;

export function createPhotoRepo(db: Db) {
  return {
    /** A photo that has not been deleted (any holder's: the caller checks ownership). */
    findLive: (id: string) =>
      db.photo.findFirst({ where: { id, state: 'ACCEPTED', deletedAt: null }, select: photoSelect }),

    /**
     * Whether something that must keep this photo points at it: a certificate's portrait,
     * or an application that is not REJECTED (open ones — drafts included: detach or
     * replace the photo there first — and issued ones, whose review it documents).
     */
    isInUse: async (id: string) => {
      const photo = await db.photo.findUnique({
        where: { id },
        select: { portraitOf: { select: { id: true } }, application: { select: { state: true } } },
      });
      if (!photo) return false;
      const applicationKeeps =
        photo.application !== null &&
        !(RELEASING_APPLICATION_STATES as readonly string[]).includes(photo.application.state);
      return photo.portraitOf !== null || applicationKeeps;
    },

    /** What else holds a photo (for attaching it to an application). */
    holders: (id: string) =>
      db.photo.findUnique({
        where: { id },
        select: { portraitOf: { select: { id: true } }, application: { select: { id: true, state: true } } },
      }),

    /** The portrait attached to an application (one at most: attaching replaces), live only. */
    attachedPortrait: (applicationId: string) =>
      db.photo.findFirst({
        where: { applicationId, purpose: 'PORTRAIT', state: 'ACCEPTED', deletedAt: null },
        orderBy: { createdAt: 'desc' },
        select: photoSelect,
      }),

    /**
     * Makes `photoId` the application's one portrait (null: none): every other portrait
     * linked to it is unlinked (kept, still the holder's). False when the photo is no
     * longer live or was linked elsewhere meanwhile. Two statements: run it on a
     * transaction's repos.
     */
    attachPortrait: async (applicationId: string, photoId: string | null) => {
      await db.photo.updateMany({
        where: { applicationId, purpose: 'PORTRAIT', ...(photoId ? { id: { not: photoId } } : {}) },
        data: { applicationId: null },
      });
      if (!photoId) return true;
      const linked = await db.photo.updateMany({
        where: {
          id: photoId,
          purpose: 'PORTRAIT',
          state: 'ACCEPTED',
          deletedAt: null,
          OR: [{ applicationId: null }, { applicationId }],
        },
        data: { applicationId },
      });
      return linked.count === 1;
    },

    /** The caller's own application (for linking a photo to it), or null. */
    ownApplication: (holderId: string, applicationId: string) =>
      db.application.findFirst({
        where: { id: applicationId, holderId },
        select: { id: true, typeCode: true, state: true },
      }),

    create: (data: NewPhoto) => db.photo.create({ data: { ...data, state: 'ACCEPTED' }, select: photoSelect }),

    /** Soft delete (rows may be referenced by history); true when this call did it. */
    markDeleted: async (id: string, now: Date) =>
      (await db.photo.updateMany({ where: { id, state: 'ACCEPTED' }, data: { state: 'DELETED', deletedAt: now } }))
        .count === 1,
  };
}

export type PhotoRepo = ReturnType<typeof createPhotoRepo>;
