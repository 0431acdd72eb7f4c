import {
  chinaToday,
  type ConversionInvitationFilter,
  type ConversionInvitationRun,
  type ConversionInvitationRunList,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import type { Logger } from '../../lib/logger';
import { regionPrefix } from '../../lib/regions';
import { currentStaff, STEWARD_ROLES, type AuthState } from '../account';
import type { InvitationRunRow, InvitationRunsRepo } from './invitation-runs.repo';
import { isUuid } from '../../lib/ids';

/** The job that works through invitation runs (pg-boss queue, payload `{ runId }`). */
export const INVITATION_JOB = 'reminders.invitation';
/** Certificates per chunk (one transaction each: ≈ 0.3 s on PostgreSQL). */
export const INVITATION_CHUNK = 5_000;
const RECENT_RUNS = 10;

/** Queues a job with a payload (the job runner's runNow); null when no runner is available. */
export type QueueJob = (name: string, data: Record<string, unknown>) => Promise<string | null>;

const present = (run: InvitationRunRow): ConversionInvitationRun => ({
  id: run.id,
  state: run.state,
  typeCode: run.typeCode,
  carriers: run.carriers as ConversionInvitationRun['carriers'],
  areaPrefix: run.areaPrefix,
  previewCount: run.previewCount,
  total: run.total,
  processed: run.processed,
  queued: run.queued,
  sms: run.sms,
  wechat: run.wechat,
  error: run.error,
  createdAt: run.createdAt.toISOString(),
  startedAt: run.startedAt?.toISOString() ?? null,
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

/**
 * 换领邀请 as a background job (docs/reminders.md, "Staff"): the request checks the filter and
 * the caller's region, records a run (QUEUED, the count staff confirmed) and queues the job —
 * answered at once; the job writes the reminders in chunks keyed by certificate id, committing
 * its progress with each chunk, and a retry or a second worker resumes after the last commit
 * (the reminders' dedupe key would keep a repeated chunk from sending twice anyway).
 */
export function createInvitations(deps: {
  runs: InvitationRunsRepo;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
  queueJob?: QueueJob;
  chunkSize?: number;
}) {
  const { runs } = deps;

  /** The filter's area, within the staff member's region (anything wider: FORBIDDEN). */
  function areaOf(state: AuthState, areaPrefix: string | undefined) {
    const staff = currentStaff(state, STEWARD_ROLES, '只有数据治理人员或管理员可以发送换领邀请');
    const own = regionPrefix(staff.regionCode);
    const area = areaPrefix ?? own;
    if (!area.startsWith(own)) throw new AppError('FORBIDDEN', { message: '只能向本辖区的持证人发送邀请' });
    return { staff, own, area };
  }

  /** A run the caller may see: in their region, else 404 (no hint that it exists). */
  async function visibleRun(state: AuthState, id: string) {
    const { own } = areaOf(state, undefined);
    const run = isUuid(id) ? await runs.find(id) : null;
    if (!run || !run.areaPrefix.startsWith(own)) throw new AppError('NOT_FOUND', { message: '没有这次邀请' });
    return run;
  }

  return {
    areaOf,

    /** POST …/invitations: validated, recorded, queued; 202 with the run. */
    async queue(state: AuthState, filter: ConversionInvitationFilter): Promise<ConversionInvitationRun> {
      const { staff, area } = areaOf(state, filter.areaPrefix);
      if (!deps.queueJob)
        throw new AppError('UPSTREAM_UNAVAILABLE', { message: '后台任务未启动，暂时无法发送邀请，请稍后再试' });
      const now = deps.now();
      const previewCount = await runs.count({ typeCode: filter.typeCode, carriers: filter.carriers, areaPrefix: area });
      const run = await runs.create({
        staffUserId: staff.staffUserId,
        typeCode: filter.typeCode,
        carriers: [...filter.carriers],
        areaPrefix: area,
        month: chinaToday(now).slice(0, 7),
        previewCount,
      });
      // pg-boss answers null when the queue does not exist (the job runner never started).
      const jobId = await deps.queueJob(INVITATION_JOB, { runId: run.id }).catch((err: unknown) => {
        deps.logger.error({ runId: run.id, err }, 'invitation run could not be queued');
        return null;
      });
      if (!jobId) {
        await runs.fail(run.id, 'not_queued');
        throw new AppError('UPSTREAM_UNAVAILABLE', { message: '后台任务暂不可用，邀请未发送，请稍后再试' });
      }
      await runs.setJob(run.id, jobId);
      await deps.audit.record({
        actorKind: 'STAFF',
        actorId: staff.staffUserId,
        requestId: state.requestId,
        action: 'reminders.conversion_invitation',
        subjectType: 'reminder_batch',
        subjectId: run.id,
        outcome: 'OK',
        detail: { typeCode: filter.typeCode, carriers: filter.carriers.join(','), areaPrefix: area, previewCount },
      });
      return present(run);
    },

    /** GET …/invitations/:id: the run's progress. */
    async get(state: AuthState, id: string): Promise<ConversionInvitationRun> {
      return present(await visibleRun(state, id));
    },

    /** GET …/invitations: the newest runs in the caller's region. */
    async recent(state: AuthState): Promise<ConversionInvitationRunList> {
      const { own } = areaOf(state, undefined);
      return { items: (await runs.recent(own, RECENT_RUNS)).map(present) };
    },

    /**
     * The job: works one run through to DONE, chunk by chunk. Thrown errors mark the run FAILED
     * (with a stable reason) and go back to the job runner, whose retry resumes after the cursor.
     */
    async work(runId: string) {
      const started = deps.now();
      const run = await runs.start(runId, started);
      if (!run) return { runId, state: 'missing' };
      if (run.state === 'DONE') return { runId, state: 'DONE' };
      const size = deps.chunkSize ?? INVITATION_CHUNK;
      let chunks = 0;
      try {
        for (;;) {
          const result = await runs.chunk(runId, size, deps.now());
          chunks += 1;
          if (result.done) break;
        }
      } catch (err) {
        await runs.fail(runId, `chunk_failed:${(err as { code?: string }).code ?? (err as Error).name}`);
        throw err;
      }
      await runs.finish(runId, deps.now());
      const done = await runs.find(runId);
      return { runId, state: 'DONE', chunks, processed: done?.processed ?? 0, queued: done?.queued ?? 0 };
    },
  };
}

export type Invitations = ReturnType<typeof createInvitations>;
