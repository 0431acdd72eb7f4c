import type { Prisma } from '../../generated/prisma/client';
import type { Sql } from '../../db/database';
import type { Db } from '../../db/unit-of-work';
import { vehicleFaceSelect } from '../certificates';

/** What the holder screen and the verifier views need of a certificate (no ciphertext). */
export const faceSelect = {
  id: true,
  typeCode: true,
  carrier: true,
  status: true,
  statusReason: true,
  validFrom: true,
  validUntil: true,
  issuingAuthority: true,
  numberMasked: true,
  extension: true,
  activatedAt: true,
  presentationEpoch: true,
  statusIndex: true,
  areaCode: true,
  holder: { select: { kind: true, name: true } },
  vehicle: { select: vehicleFaceSelect },
  portraitPhoto: { select: { processedKey: true, originalKey: true } },
} as const satisfies Prisma.CertificateSelect;

export type FaceRow = Prisma.CertificateGetPayload<{ select: typeof faceSelect }>;

/** The whole face of one certificate (the holder screen, the staff view of a verification). */
export function createPresentationRepo(db: Db) {
  return {
    face: (certificateId: string) =>
      db.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: faceSelect }),
  };
}

export type PresentationRepo = ReturnType<typeof createPresentationRepo>;

/** What the verify hot path reads: the certificate's state and the minimal face. */
export type StateRow = Prisma.CertificateGetPayload<{
  select: {
    id: true;
    typeCode: true;
    carrier: true;
    status: true;
    validFrom: true;
    validUntil: true;
    numberMasked: true;
    activatedAt: true;
    presentationEpoch: true;
    holder: { select: { kind: true; name: true } };
  };
}>;

const stateSelect = `SELECT c."id", c."typeCode", c."carrier"::text, c."status"::text, c."validFrom"::text AS "validFrom", c."validUntil"::text AS "validUntil",
  c."numberMasked", c."activatedAt", c."presentationEpoch", h."kind"::text AS "holderKind", h."name" AS "holderName"
FROM "Certificate" c JOIN "Holder" h ON h."id" = c."holderId"`;
const stateSql = `${stateSelect} WHERE c."id" = $1::uuid`;
/** Version-2 tokens name the certificate by its status-list index (unique). */
const stateByIndexSql = `${stateSelect} WHERE c."statusIndex" = $1::int`;

/**
 * The state row in one SQL statement on the pool under Prisma. Prisma read the certificate
 * and its holder as two queries, each planned in its query compiler; with the state read on
 * every verification (PRESENTATION_STATE_CACHE_MS=0) this took the verify bench from
 * 326–437 to 827–1,137 req/s.
 * Dates travel as text (YYYY-MM-DD) and become UTC midnights, as Prisma returns them,
 * whatever the process time zone.
 */
export async function readCertificateState(sql: Sql, certificateId: string): Promise<StateRow | null> {
  return stateRow(await sql.query<StateSqlRow>(stateSql, [certificateId]));
}

/** The same state row by status-list index (a version-2 token carries no certificate id). */
export async function readCertificateStateByIndex(sql: Sql, statusIndex: number): Promise<StateRow | null> {
  return stateRow(await sql.query<StateSqlRow>(stateByIndexSql, [statusIndex]));
}

function stateRow({ rows }: { rows: StateSqlRow[] }): StateRow | null {
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    typeCode: r.typeCode,
    carrier: r.carrier,
    status: r.status,
    validFrom: utcDate(r.validFrom),
    validUntil: r.validUntil === null ? null : utcDate(r.validUntil),
    numberMasked: r.numberMasked,
    activatedAt: r.activatedAt,
    presentationEpoch: r.presentationEpoch,
    holder: { kind: r.holderKind, name: r.holderName },
  };
}

type StateSqlRow = Omit<StateRow, 'validFrom' | 'validUntil' | 'holder'> & {
  validFrom: string;
  validUntil: string | null;
  holderKind: StateRow['holder']['kind'];
  holderName: string;
};

const utcDate = (isoDay: string) => new Date(`${isoDay}T00:00:00.000Z`);
