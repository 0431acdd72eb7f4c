import type { IssueReason } from '@roadcert/shared';
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { enqueueAggregation, type AggregationDetail } from '../certificates';
import type { CertificateRow, HolderRow } from './applications.repo';

/** Advisory lock serialising serial allocation (audit uses 727275, migrations 727274). */
const SERIAL_LOCK = 727_276;
/** The first serial of an empty table is this + 1. */
const SERIAL_BASE = 2026_000_000n;

/** The electronic certificate as issued (issuance.ts decides every value). */
export type NewCertificate = {
  typeCode: string;
  identifier: string;
  serial: string;
  version: number;
  numberEnc: Uint8Array<ArrayBuffer>;
  numberHash: string;
  numberMasked: string;
  holderId: string;
  vehicleId: string | null;
  issueReason: IssueReason;
  firstIssuedOn: Date;
  issuedOn: Date;
  validFrom: Date;
  validUntil: Date | null;
  reviewDueOn: Date | null;
  issuingAuthority: string;
  issuingAuthorityCode: string;
  areaCode: string;
  extension: Record<string, unknown>;
  portraitPhotoId: string | null;
  signatureAlg: string;
  signatureKeyId: string;
  signature: Uint8Array<ArrayBuffer>;
  signedAt: Date;
};

/** A history event a reviewer's approval writes (on the new certificate, and on the one it replaces). */
export type IssuanceEvent = {
  certificateId: string;
  kind: 'ISSUED' | 'REPLACED';
  actorId: string;
  detail: Record<string, string | null>;
};

/** Every statement of issuance; it always runs inside the approval's transaction. */
export function createIssuanceRepo(db: Db) {
  return {
    holder: (id: string): Promise<HolderRow> => db.holder.findUniqueOrThrow({ where: { id } }),

    certificate: (id: string): Promise<CertificateRow> => db.certificate.findUniqueOrThrow({ where: { id } }),

    /** Takes the portrait off a certificate so a new one can carry it (portraitPhotoId is unique). */
    releasePortrait: async (certificateId: string) => {
      await db.certificate.update({ where: { id: certificateId }, data: { portraitPhotoId: null } });
    },

    /** Next serial: the largest numeric serial + 1, under a lock held until the transaction ends. */
    nextSerial: async (): Promise<string> => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${SERIAL_LOCK}::bigint)`;
      const rows = await db.$queryRaw<
        { max: string | null }[]
      >`SELECT MAX(CAST("serial" AS BIGINT))::text AS max FROM "Certificate" WHERE "serial" ~ '^[0-9]{1,18}$'`;
      const max = rows[0]?.max ? BigInt(rows[0].max) : SERIAL_BASE;
      return String(max + 1n);
    },

    /** Publishes the signing key in the public key list (idempotent: an existing kid is left as is). */
    publishSigningKey: async (key: { kid: string; algorithm: string; publicKey: Uint8Array<ArrayBuffer> }) => {
      await db.signingKey.upsert({ where: { kid: key.kid }, create: key, update: {} });
    },

    /** The new certificate: electronic, VALID, not activated yet (the holder activates it). */
    createElectronicCertificate: (data: NewCertificate) =>
      db.certificate.create({
        data: {
          ...data,
          carrier: 'ELECTRONIC',
          status: 'VALID',
          extension: data.extension as Prisma.InputJsonValue,
        },
      }),

    addEvent: async ({ detail, ...event }: IssuanceEvent) => {
      await db.certificateEvent.create({
        data: { ...event, actorKind: 'STAFF', detail: detail as Prisma.InputJsonObject },
      });
    },

    /**
     * Marks the base certificate REPLACED by the new one — only a VALID or EXPIRED one not
     * replaced yet (replacedById is unique); false otherwise.
     */
    markReplaced: async (id: string, change: { statusReason: string; at: Date; replacedById: string }) =>
      (
        await db.certificate.updateMany({
          where: { id, replacedById: null, status: { in: ['VALID', 'EXPIRED'] } },
          data: {
            status: 'REPLACED',
            statusReason: change.statusReason,
            statusChangedAt: change.at,
            replacedById: change.replacedById,
            presentationEpoch: { increment: 1 },
          },
        })
      ).count === 1,

    /** The certificate's next aggregation version, in this transaction (docs/aggregation.md). */
    enqueueAggregation: (certificateId: string, event: 'ISSUED' | 'REPLACED', detail: AggregationDetail) =>
      enqueueAggregation(db, certificateId, event, detail),
  };
}

export type IssuanceRepo = ReturnType<typeof createIssuanceRepo>;
