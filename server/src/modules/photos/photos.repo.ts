import type { Prisma, PrismaClient } from '../../generated/prisma/client';

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

/** Applications in these states may still change their photos. */
const EDITABLE_APPLICATION_STATES = ['DRAFT', 'RETURNED'] as const;

export function createPhotoRepo(prisma: PrismaClient) {
  return {
    /** A photo that has not been deleted (any holder's: the caller checks ownership). */
    findLive: (id: string) => prisma.photo.findFirst({ where: { id, state: 'ACCEPTED', deletedAt: null }, select: photoSelect }),

    /** Whether something that must keep this photo points at it: an issued certificate or an application past draft. */
    isInUse: async (id: string) => {
      const photo = await prisma.photo.findUnique({
        where: { id },
        select: { portraitOf: { select: { id: true } }, application: { select: { state: true } } },
      });
      if (!photo) return false;
      const applicationLocked = photo.application !== null && !(EDITABLE_APPLICATION_STATES as readonly string[]).includes(photo.application.state);
      return photo.portraitOf !== null || applicationLocked;
    },

    /** The caller's own application (for linking a photo to it), or null. */
    ownApplication: (holderId: string, applicationId: string) =>
      prisma.application.findFirst({ where: { id: applicationId, holderId }, select: { id: true, typeCode: true, state: true } }),

    create: (tx: Prisma.TransactionClient, data: NewPhoto) => tx.photo.create({ data: { ...data, state: 'ACCEPTED' }, select: photoSelect }),

    /** Soft delete (rows may be referenced by history); true when this call did it. */
    markDeleted: async (tx: Prisma.TransactionClient, id: string, now: Date) =>
      (await tx.photo.updateMany({ where: { id, state: 'ACCEPTED' }, data: { state: 'DELETED', deletedAt: now } })).count === 1,
  };
}

export type PhotoRepo = ReturnType<typeof createPhotoRepo>;
