import type { ApplicationFormData, ApplicationKind, ApplicationState } from '@roadcert/shared';
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { classifyDatabaseError } from '../../db/errors';

/** What a detail view reads with the application: its timeline, the holder's name, the base certificate. */
const detailInclude = {
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  holder: { select: { name: true } },
  baseCertificate: true,
} satisfies Prisma.ApplicationInclude;

export type ApplicationRow = Prisma.ApplicationGetPayload<object>;
export type ApplicationDetailRow = Prisma.ApplicationGetPayload<{ include: typeof detailInclude }>;
export type ApplicationQueueRow = ApplicationRow & { holder: { name: string } };
export type HolderRow = Prisma.HolderGetPayload<object>;
export type CertificateRow = Prisma.CertificateGetPayload<object>;

/** The version of a row a change was decided on: the UPDATE matches all three (optimistic lock). */
export type ReadVersion = Pick<ApplicationRow, 'id' | 'state' | 'revision'>;

export type NewApplication = {
  holderId: string;
  applicantAccountId: string;
  typeCode: string;
  kind: ApplicationKind;
  baseCertificateId: string | null;
  areaCode: string;
  formData: ApplicationFormData;
};

export type NewApplicationEvent = {
  applicationId: string;
  fromState: ApplicationState | null;
  toState: ApplicationState;
  actorKind: 'ACCOUNT' | 'STAFF' | 'SYSTEM';
  actorId: string | null;
  note?: string;
};

/** A reviewer's decision as stored: the new state and what comes with it. */
export type ReviewChange = {
  state: ApplicationState;
  reviewerStaffId: string;
  decidedAt?: Date;
  returnReasons?: Record<string, string>;
  rejectReason?: string;
};

export type QueueFilter = {
  areaPrefix: string;
  states: ApplicationState[];
  typeCode?: string;
  kind?: ApplicationKind;
  submittedBefore?: Date;
};

const QUEUE_LIMIT = 200;
const LIST_LIMIT = 200;
/** The column's length (ApplicationEvent.note). */
const NOTE_MAX = 500;

const optimisticLock = (read: ReadVersion) => ({ id: read.id, state: read.state, revision: read.revision });

export function createApplicationRepo(db: Db) {
  return {
    find: (id: string) => db.application.findUnique({ where: { id } }),

    findDetail: (id: string) => db.application.findUnique({ where: { id }, include: detailInclude }),

    detail: (id: string) => db.application.findUniqueOrThrow({ where: { id }, include: detailInclude }),

    /** Applications of the holder or applied for by the account, newest first. */
    listFor: (holderId: string, accountId: string) =>
      db.application.findMany({
        where: { OR: [{ holderId }, { applicantAccountId: accountId }] },
        orderBy: { createdAt: 'desc' },
        take: LIST_LIMIT,
      }),

    /** Applications on this base certificate that are still open (neither rejected nor issued). */
    countOpenOn: (baseCertificateId: string) =>
      db.application.count({ where: { baseCertificateId, state: { notIn: ['REJECTED', 'ISSUED'] } } }),

    /** The application submitted with this idempotency key, if any. */
    idWithIdempotencyKey: async (idempotencyKey: string) =>
      (await db.application.findUnique({ where: { idempotencyKey }, select: { id: true } }))?.id ?? null,

    idempotencyKeyOf: async (id: string) =>
      (await db.application.findUnique({ where: { id }, select: { idempotencyKey: true } }))?.idempotencyKey ?? null,

    /** The review queue: in the region, oldest submission first. */
    queue: (filter: QueueFilter): Promise<ApplicationQueueRow[]> =>
      db.application.findMany({
        where: {
          areaCode: { startsWith: filter.areaPrefix },
          state: { in: filter.states },
          ...(filter.typeCode ? { typeCode: filter.typeCode } : {}),
          ...(filter.kind ? { kind: filter.kind } : {}),
          ...(filter.submittedBefore ? { submittedAt: { lte: filter.submittedBefore } } : {}),
        },
        include: { holder: { select: { name: true } } },
        orderBy: [{ submittedAt: 'asc' }, { createdAt: 'asc' }],
        take: QUEUE_LIMIT,
      }),

    holder: (id: string): Promise<HolderRow> => db.holder.findUniqueOrThrow({ where: { id } }),

    certificate: (id: string): Promise<CertificateRow> => db.certificate.findUniqueOrThrow({ where: { id } }),

    /** The base certificate's portrait, if it has one (decides whether the application needs its own). */
    portraitPhotoIdOf: async (certificateId: string) =>
      (await db.certificate.findUnique({ where: { id: certificateId }, select: { portraitPhotoId: true } }))
        ?.portraitPhotoId ?? null,

    create: (data: NewApplication) => db.application.create({ data }),

    addEvent: async ({ note, ...event }: NewApplicationEvent) => {
      await db.applicationEvent.create({ data: { ...event, note: note?.slice(0, NOTE_MAX) } });
    },

    /** Saves the form; false when the row changed since it was read. */
    saveForm: async (read: ReadVersion, formData: ApplicationFormData) =>
      (
        await db.application.updateMany({
          where: optimisticLock(read),
          data: { formData, revision: { increment: 1 } },
        })
      ).count === 1,

    /**
     * Marks it SUBMITTED under the idempotency key: 'stale' when the row changed since it
     * was read, 'key-taken' when another application holds the key (unique index). The
     * caller ends its transaction on anything but 'submitted'.
     */
    markSubmitted: async (
      read: ReadVersion,
      idempotencyKey: string,
      at: Date,
    ): Promise<'submitted' | 'stale' | 'key-taken'> => {
      try {
        const updated = await db.application.updateMany({
          where: optimisticLock(read),
          data: { state: 'SUBMITTED', idempotencyKey, submittedAt: at, revision: { increment: 1 } },
        });
        return updated.count === 1 ? 'submitted' : 'stale';
      } catch (error) {
        if (classifyDatabaseError(error) === 'unique-violation') return 'key-taken';
        throw error;
      }
    },

    /** Records a reviewer's decision; false when the row changed since it was read. */
    recordReview: async (read: ReadVersion, change: ReviewChange) =>
      (
        await db.application.updateMany({
          where: optimisticLock(read),
          data: { ...change, revision: { increment: 1 } },
        })
      ).count === 1,

    /** APPROVED → ISSUED with the certificate issued for it; false when it is no longer APPROVED. */
    markIssued: async (id: string, certificateId: string) =>
      (
        await db.application.updateMany({
          where: { id, state: 'APPROVED' },
          data: { state: 'ISSUED', issuedCertificateId: certificateId, revision: { increment: 1 } },
        })
      ).count === 1,
  };
}

export type ApplicationRepo = ReturnType<typeof createApplicationRepo>;
