import { openCompletionTaskStates, type IsoDate } from '@roadcert/shared';
import type { Db } from '../../db/unit-of-work';
import { enqueueAggregation, type AggregationDetail } from '../certificates';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';

/** Completion tasks, batch runs and the certificate writes of an accepted supplement (Prisma). */

const taskInclude = {
  certificate: {
    select: {
      id: true,
      typeCode: true,
      carrier: true,
      status: true,
      numberMasked: true,
      extension: true,
      areaCode: true,
      holderId: true,
      portraitPhotoId: true,
    },
  },
  holder: { select: { name: true, kind: true } },
  evidencePhoto: { select: { originalKey: true, processedKey: true } },
} satisfies Prisma.CompletionTaskInclude;

export type CertificateChange = {
  version: number;
  extension?: Record<string, unknown>;
  portraitPhotoId?: string;
  signed?: {
    identifier: string | null;
    signature: Uint8Array<ArrayBuffer>;
    signatureAlg: string;
    signatureKeyId: string;
    signedAt: Date;
  };
};

export type TaskRow = Prisma.CompletionTaskGetPayload<{ include: typeof taskInclude }>;

/** A run may be RUNNING this long before another may start (a crashed process leaves one behind). */
const STALE_RUN_HOURS = 6;
/** Any constant: the advisory lock that makes "no run is running → start one" atomic across processes. */
const RUN_LOCK_KEY = 0x524331; // 'RC1'

export function createComplianceRepo(db: Db) {
  return {
    // ───────────── tasks ─────────────
    task: (id: string) => db.completionTask.findUnique({ where: { id }, include: taskInclude }),

    /** The tasks of the given holders' certificates (open ones, or all), newest first. */
    holderTasks: (holderIds: string[], filter: { certificateId?: string; open: boolean }) =>
      db.completionTask.findMany({
        where: {
          holderId: { in: holderIds },
          fixableBy: { in: ['holder', 'operator'] },
          ...(filter.certificateId ? { certificateId: filter.certificateId } : {}),
          ...(filter.open ? { state: { in: [...openCompletionTaskStates] } } : {}),
        },
        include: taskInclude,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: 200,
      }),

    /**
     * The staff queue in a region: supplements awaiting confirmation, or the open failures
     * only staff or the upstream system can fix.
     */
    async staffQueue(q: {
      regionPrefix: string;
      queue: 'supplements' | 'staff';
      typeCode?: string;
      ruleId?: string;
      page: number;
      pageSize: number;
    }) {
      const where: Prisma.CompletionTaskWhereInput = {
        areaCode: { startsWith: q.regionPrefix },
        ...(q.queue === 'supplements'
          ? { state: 'SUBMITTED' }
          : { state: { in: ['OPEN', 'REJECTED'] }, fixableBy: { in: ['staff', 'upstream'] } }),
        ...(q.typeCode ? { typeCode: q.typeCode } : {}),
        ...(q.ruleId ? { ruleCode: q.ruleId } : {}),
      };
      const [rows, total] = await Promise.all([
        db.completionTask.findMany({
          where,
          include: taskInclude,
          orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
          skip: (q.page - 1) * q.pageSize,
          take: q.pageSize,
        }),
        db.completionTask.count({ where }),
      ]);
      return { rows, total };
    },

    /** Moves a task from one of `from` to its next state; false when it was not in one of them (a race, or a repeat). */
    async transition(id: string, from: readonly string[], data: Prisma.CompletionTaskUncheckedUpdateManyInput) {
      const { count } = await db.completionTask.updateMany({
        where: { id, state: { in: from as Prisma.EnumCompletionTaskStateFilter['in'] } },
        data,
      });
      return count === 1;
    },

    /** The fixer's supplement: OPEN/REJECTED → SUBMITTED with the value, the value it replaces and the evidence. */
    async submitSupplement(
      id: string,
      from: readonly string[],
      s: {
        suppliedValue: string | string[] | null;
        previousValue: unknown;
        evidencePhotoId: string | null;
        submittedByAccountId: string;
      },
    ) {
      const json = (v: unknown) => (v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));
      const { count } = await db.completionTask.updateMany({
        where: { id, state: { in: from as Prisma.EnumCompletionTaskStateFilter['in'] } },
        data: {
          state: 'SUBMITTED',
          suppliedValue: json(s.suppliedValue),
          previousValue: json(s.previousValue),
          evidencePhotoId: s.evidencePhotoId,
          submittedAt: new Date(),
          submittedByAccountId: s.submittedByAccountId,
          returnReason: null,
        },
      });
      return count === 1;
    },

    // ───────────── the certificate an accepted supplement changes ─────────────
    certificateForUpdate: (id: string) =>
      db.certificate.findUniqueOrThrow({
        where: { id },
        include: {
          holder: {
            select: { id: true, name: true, holderTypeCode: true, creditCode: true, kind: true },
          },
        },
      }),

    /** The supplement's change: extension, portrait, version, and for an electronic one its new identifier and signature. */
    updateCertificate: (id: string, change: CertificateChange) =>
      db.certificate.update({
        where: { id },
        data: {
          version: change.version,
          ...(change.extension ? { extension: change.extension as Prisma.InputJsonObject } : {}),
          ...(change.portraitPhotoId ? { portraitPhoto: { connect: { id: change.portraitPhotoId } } } : {}),
          ...(change.signed
            ? {
                identifier: change.signed.identifier,
                signature: change.signed.signature,
                signatureAlg: change.signed.signatureAlg,
                signatureKeyId: change.signed.signatureKeyId,
                signedAt: change.signed.signedAt,
                presentationEpoch: { increment: 1 },
              }
            : {}),
        },
      }),

    /** Moves a portrait off the certificate that had it (portraitPhotoId is unique). */
    releasePortraitPhoto: (photoId: string) =>
      db.certificate.updateMany({ where: { portraitPhotoId: photoId }, data: { portraitPhotoId: null } }),

    /** An accepted photo of the holder (evidence or portrait), not deleted. */
    holderPhoto: (photoId: string, holderId: string) =>
      db.photo.findFirst({
        where: { id: photoId, holderId, state: 'ACCEPTED' },
        select: { id: true, purpose: true, applicationId: true },
      }),

    addEvent: (event: { certificateId: string; actorKind: string; actorId: string | null; detail: object }) =>
      db.certificateEvent.create({
        data: { ...event, detail: event.detail as Prisma.InputJsonObject, kind: 'DATA_SUPPLEMENTED' },
      }),

    /** The certificate's next aggregation version, in this transaction (docs/aggregation.md). */
    enqueueAggregation: (certificateId: string, event: 'CHANGED', detail: AggregationDetail) =>
      enqueueAggregation(db, certificateId, event, detail),

    publishSigningKey: (key: { kid: string; algorithm: string; publicKey: Uint8Array<ArrayBuffer> }) =>
      db.signingKey.upsert({ where: { kid: key.kid }, create: key, update: {} }),
  };
}

export type ComplianceRepo = ReturnType<typeof createComplianceRepo>;

/** Batch runs: on the root client (the start takes its own transaction with the advisory lock). */
export function createRunsRepo(prisma: PrismaClient) {
  return {
    startRun: (startedBy: string | null, day: IsoDate) =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RUN_LOCK_KEY})`;
        const running = await tx.complianceRun.findFirst({
          where: { state: 'RUNNING', startedAt: { gt: new Date(Date.now() - STALE_RUN_HOURS * 3600_000) } },
        });
        if (running) return null;
        return tx.complianceRun.create({ data: { startedBy, day: new Date(`${day}T00:00:00Z`) } });
      }),

    finishRun: (id: string, result: { total: number; compliant: number; summary: object }) =>
      prisma.complianceRun.update({
        where: { id },
        data: { ...result, summary: result.summary as Prisma.InputJsonObject, state: 'DONE', finishedAt: new Date() },
      }),

    failRun: (id: string, error: string) =>
      prisma.complianceRun.update({ where: { id }, data: { state: 'FAILED', error, finishedAt: new Date() } }),

    run: (id: string) => prisma.complianceRun.findUnique({ where: { id } }),

    /**
     * The latest runs with the rate they ran at: `perSecond` is read out of the summary in SQL, as
     * a run's summary holds counts for every area × type × carrier (thousands of cells in a province).
     */
    listRuns: (take: number) =>
      prisma.$queryRaw<
        {
          id: string;
          state: 'RUNNING' | 'DONE' | 'FAILED';
          day: Date;
          startedAt: Date;
          finishedAt: Date | null;
          total: number;
          compliant: number;
          perSecond: number | null;
        }[]
      >`SELECT "id"::text, "state"::text, "day", "startedAt", "finishedAt", "total", "compliant",
          ("summary" ->> 'perSecond')::float8 AS "perSecond"
        FROM "ComplianceRun" ORDER BY "startedAt" DESC LIMIT ${take}`,

    /** The last finished run of each day since `since` (the trend line), oldest first. */
    async dailySnapshots(since: Date) {
      const runs = await prisma.complianceRun.findMany({
        where: { state: 'DONE', day: { gte: since } },
        orderBy: [{ day: 'asc' }, { finishedAt: 'asc' }],
        select: { day: true, summary: true, total: true, compliant: true },
      });
      const byDay = new Map<string, (typeof runs)[number]>();
      for (const run of runs) byDay.set(run.day.toISOString().slice(0, 10), run);
      return [...byDay.entries()];
    },
  };
}

export type RunsRepo = ReturnType<typeof createRunsRepo>;
