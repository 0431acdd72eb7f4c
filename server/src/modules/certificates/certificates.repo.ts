import type { CertificateEventKind } from '@roadcert/shared';
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { enqueueAggregation } from './aggregation-outbox.repo';

/** The vehicle facts a certificate's face shows (faceDetails in certificate-face.ts): lookups, partners, shares, 亮证. */
export const vehicleFaceSelect = {
  plateNumber: true,
  plateColour: true,
  vehicleTypeCode: true,
  capacity: true,
  lengthMm: true,
  widthMm: true,
  heightMm: true,
} as const satisfies Prisma.VehicleSelect;

/** The columns a certificate list needs; ciphertext columns are never selected here. */
const summarySelect = {
  id: true,
  holderId: true,
  typeCode: true,
  numberMasked: true,
  carrier: true,
  status: true,
  validFrom: true,
  validUntil: true,
  issuingAuthority: true,
  activatedAt: true,
  vehicle: { select: { plateNumber: true } },
} as const;

const detailSelect = {
  ...summarySelect,
  identifier: true,
  holder: { select: { kind: true, name: true } },
  events: { orderBy: { at: 'asc' }, select: { kind: true, at: true, actorKind: true, actorId: true } },
} as const satisfies Prisma.CertificateSelect;

export type CertificateSummaryRow = Prisma.CertificateGetPayload<{ select: typeof summarySelect }>;
export type CertificateDetailRow = Prisma.CertificateGetPayload<{ select: typeof detailSelect }>;

/** A history event written by an account (activation today). */
export type NewCertificateEvent = {
  certificateId: string;
  kind: CertificateEventKind;
  actorId: string;
  at: Date;
  detail: Record<string, string | number | boolean | null>;
};

export function createCertificateRepo(db: Db) {
  return {
    /** Certificates of these holders: valid ones first, then by type and validity. */
    listForHolders: (holderIds: string[]) =>
      db.certificate.findMany({
        where: { holderId: { in: holderIds } },
        select: summarySelect,
        orderBy: [{ status: 'asc' }, { typeCode: 'asc' }, { validUntil: 'desc' }],
      }),

    /** The certificates of these vehicles held by the operator that assigned them (a driver's wallet). */
    listForVehicles: (vehicles: { holderId: string; vehicleId: string }[]) =>
      vehicles.length === 0
        ? Promise.resolve([])
        : db.certificate.findMany({
            where: { OR: vehicles.map((v) => ({ holderId: v.holderId, vehicleId: v.vehicleId })) },
            select: summarySelect,
            orderBy: [{ status: 'asc' }, { typeCode: 'asc' }, { validUntil: 'desc' }],
          }),

    summary: (id: string) => db.certificate.findUniqueOrThrow({ where: { id }, select: summarySelect }),

    detail: (id: string) => db.certificate.findUniqueOrThrow({ where: { id }, select: detailSelect }),

    /** What activation checks, read inside its transaction. */
    activationState: (id: string) =>
      db.certificate.findUniqueOrThrow({
        where: { id },
        select: { carrier: true, status: true, validUntil: true, activatedAt: true },
      }),

    /** Marks it active unless it already is; false when another request got there first. */
    markActivated: async (id: string, accountId: string, at: Date) => {
      const { count } = await db.certificate.updateMany({
        where: { id, activatedAt: null, carrier: 'ELECTRONIC', status: 'VALID' },
        data: { activatedAt: at, activatedByAccountId: accountId },
      });
      return count === 1;
    },

    /** Activation for the ministry (激活 changes the record's state), in its transaction (docs/aggregation.md). */
    enqueueActivation: (id: string) => enqueueAggregation(db, id, 'ACTIVATED'),

    /** Appends an account's event to the certificate's history. */
    addAccountEvent: async (event: NewCertificateEvent) => {
      await db.certificateEvent.create({
        data: { ...event, actorKind: 'ACCOUNT', detail: event.detail as Prisma.InputJsonObject },
      });
    },
  };
}

export type CertificateRepo = ReturnType<typeof createCertificateRepo>;
