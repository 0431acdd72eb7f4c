import type { CertificateEventKind, CertificateStatus } from '@roadcert/shared';
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { enqueueAggregation } from '../certificates';

const staffSelect = {
  id: true,
  typeCode: true,
  numberMasked: true,
  carrier: true,
  status: true,
  statusReason: true,
  validUntil: true,
  areaCode: true,
  issuingAuthority: true,
  activatedAt: true,
  presentationEpoch: true,
  holder: { select: { kind: true, name: true } },
} as const satisfies Prisma.CertificateSelect;

export type StaffCertificateRow = Prisma.CertificateGetPayload<{ select: typeof staffSelect }>;

/** A certificate's status and epoch as a status change reads them. */
export type CertificateStatusState = { status: CertificateStatus; presentationEpoch: number };

/** Staff's certificate search and status changes (staff-certificates.ts). */
export function createStaffCertificateRepo(db: Db) {
  return {
    /** Certificates whose number has one of these blind indexes, in areas under this prefix, newest first. */
    byNumberHashes: (numberHashes: string[], areaPrefix: string) =>
      db.certificate.findMany({
        where: { numberHash: { in: numberHashes }, areaCode: { startsWith: areaPrefix } },
        select: staffSelect,
        orderBy: { issuedOn: 'desc' },
        take: 20,
      }),

    /** The certificate's area (whose staff may change it), or null when there is none. */
    areaOf: (certificateId: string) =>
      db.certificate.findUnique({ where: { id: certificateId }, select: { id: true, areaCode: true } }),

    statusState: (certificateId: string): Promise<CertificateStatusState> =>
      db.certificate.findUniqueOrThrow({
        where: { id: certificateId },
        select: { status: true, presentationEpoch: true },
      }),

    /**
     * Sets the new status and bumps the presentation epoch, only if nobody changed it since
     * `from` was read (optimistic); false when somebody did.
     */
    changeStatus: async (
      certificateId: string,
      from: CertificateStatusState,
      to: { status: CertificateStatus; reason: string },
      at: Date,
    ) => {
      const { count } = await db.certificate.updateMany({
        where: { id: certificateId, status: from.status, presentationEpoch: from.presentationEpoch },
        data: { status: to.status, statusReason: to.reason, statusChangedAt: at, presentationEpoch: { increment: 1 } },
      });
      return count > 0;
    },

    /** Appends a staff member's event to the certificate's history. */
    addStaffEvent: async (event: {
      certificateId: string;
      kind: CertificateEventKind;
      staffUserId: string;
      at: Date;
      detail: Record<string, string>;
    }) => {
      await db.certificateEvent.create({
        data: {
          certificateId: event.certificateId,
          kind: event.kind,
          actorKind: 'STAFF',
          actorId: event.staffUserId,
          at: event.at,
          detail: event.detail,
        },
      });
    },

    /** The status change for the ministry, in the change's transaction (docs/aggregation.md). */
    enqueueAggregation: (certificateId: string, detail: { from: CertificateStatus; to: CertificateStatus }) =>
      enqueueAggregation(db, certificateId, 'STATUS', detail),

    byId: (certificateId: string) =>
      db.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: staffSelect }),
  };
}

export type StaffCertificateRepo = ReturnType<typeof createStaffCertificateRepo>;
