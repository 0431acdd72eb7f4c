import type { PrismaClient } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';
import { conversionCount, conversionSource, idWindowStatement, type ConversionFilter } from './due-sources';
import { createEnqueueRepo, prismaRunner, type EnqueueSettings } from './enqueue.repo';

/** A run row as the service reads it. */
export type InvitationRunRow = Awaited<ReturnType<PrismaClient['reminderInvitationRun']['findUniqueOrThrow']>>;

/** Before every certificate id (the keyset's start). */
const NO_CURSOR = '00000000-0000-0000-0000-000000000000';

/** What one chunk did: matching certificates in its id window, reminders written; `done` after the last window. */
export type ChunkResult = { done: boolean; processed: number; queued: number; sms: number; wechat: number };

const filterOf = (
  run: Pick<InvitationRunRow, 'id' | 'typeCode' | 'carriers' | 'areaPrefix' | 'month'>,
): ConversionFilter => ({
  typeCode: run.typeCode,
  carriers: run.carriers,
  areaPrefix: run.areaPrefix,
  month: run.month,
  batchId: run.id,
});

/**
 * Invitation runs (ReminderInvitationRun) and the chunked enqueue behind them. A chunk is one
 * transaction: the run row locked (FOR UPDATE — a second worker on the same run waits, then
 * continues after the first one's cursor), the next window of `size` certificate ids after the
 * cursor (along the primary key, whatever the filter), the enqueue statement over the window's
 * matching certificates, and the progress — so what is committed and the
 * cursor never disagree, and a retry resumes where the last commit left off.
 */
export function createInvitationRunsRepo(prisma: PrismaClient, settings: EnqueueSettings) {
  async function count(filter: Pick<ConversionFilter, 'typeCode' | 'carriers' | 'areaPrefix'>): Promise<number> {
    const { sql, values } = conversionCount(filter);
    const [row] = await prisma.$queryRawUnsafe<{ n: number }[]>(sql, ...values);
    return Number(row?.n ?? 0);
  }

  return {
    create: (data: {
      staffUserId: string;
      typeCode: string;
      carriers: string[];
      areaPrefix: string;
      month: string;
      previewCount: number;
    }) => prisma.reminderInvitationRun.create({ data }),

    find: (id: string) => prisma.reminderInvitationRun.findUnique({ where: { id } }),

    /** The newest runs in an area (a staff member's region and below). */
    recent: (areaPrefix: string, take: number) =>
      prisma.reminderInvitationRun.findMany({
        where: { areaPrefix: { startsWith: areaPrefix } },
        orderBy: { createdAt: 'desc' },
        take,
      }),

    setJob: (id: string, jobId: string | null) =>
      prisma.reminderInvitationRun.update({ where: { id }, data: { jobId } }),

    /** Certificates a filter matches now (the preview count, the run's total). */
    count,

    /** QUEUED/FAILED → RUNNING (a retry too); the total counted on the first start. */
    async start(id: string, now: Date) {
      const run = await prisma.reminderInvitationRun.findUnique({ where: { id } });
      if (!run || run.state === 'DONE') return run;
      return prisma.reminderInvitationRun.update({
        where: { id },
        data: {
          state: 'RUNNING',
          error: null,
          startedAt: run.startedAt ?? now,
          total: run.total ?? (await count(run)),
        },
      });
    },

    finish: (id: string, now: Date) =>
      prisma.reminderInvitationRun.updateMany({
        where: { id, state: { not: 'DONE' } },
        data: { state: 'DONE', finishedAt: now, error: null },
      }),

    fail: (id: string, error: string) =>
      prisma.reminderInvitationRun.updateMany({
        where: { id, state: { not: 'DONE' } },
        data: { state: 'FAILED', error: error.slice(0, 500) },
      }),

    /** One window of `size` certificate ids after the run's cursor, its invitations committed with the progress. */
    chunk(id: string, size: number, now: Date): Promise<ChunkResult> {
      return prisma.$transaction(
        async (tx) => {
          const none: ChunkResult = { done: true, processed: 0, queued: 0, sms: 0, wechat: 0 };
          // The row as locked: a second worker waits here, then sees the first one's committed cursor.
          const [run] = await tx.$queryRawUnsafe<
            (Pick<InvitationRunRow, 'id' | 'typeCode' | 'carriers' | 'areaPrefix' | 'month'> & {
              cursor: string | null;
            })[]
          >(
            `SELECT id::text, "typeCode", carriers, "areaPrefix", month, cursor::text
             FROM "ReminderInvitationRun" WHERE id = $1::uuid AND state <> 'DONE' FOR UPDATE`,
            id,
          );
          if (!run) return none;
          const after = run.cursor ?? NO_CURSOR;
          const [window] = await tx.$queryRawUnsafe<{ upper: string | null; last: string | null }[]>(
            idWindowStatement,
            after,
            size - 1,
          );
          const upTo = window?.upper ?? window?.last ?? null;
          if (!upTo) return none;
          const matched = conversionCount({ ...filterOf(run), after, upTo });
          const [found] = await tx.$queryRawUnsafe<{ n: number }[]>(matched.sql, ...matched.values);
          const processed = Number(found?.n ?? 0);
          const source = conversionSource({ ...filterOf(run), after, upTo });
          const counts = processed
            ? await enqueueOn(tx).enqueue(source.sql, source.values, now)
            : { reminders: 0, sms: 0, wechat: 0 };
          await tx.reminderInvitationRun.update({
            where: { id },
            data: {
              cursor: upTo,
              processed: { increment: processed },
              queued: { increment: counts.reminders },
              sms: { increment: counts.sms },
              wechat: { increment: counts.wechat },
            },
          });
          return {
            done: !window?.upper,
            processed,
            queued: counts.reminders,
            sms: counts.sms,
            wechat: counts.wechat,
          };
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    },
  };

  function enqueueOn(tx: Db) {
    return createEnqueueRepo(prismaRunner(tx), settings);
  }
}

export type InvitationRunsRepo = ReturnType<typeof createInvitationRunsRepo>;
