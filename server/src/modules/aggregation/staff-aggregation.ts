import { getCertificateType, type AggregationSummary } from '@roadcert/shared';
import { AppError } from '../../errors';
import { regionPrefix } from '../../lib/regions';
import { currentStaff, STEWARD_ROLES, type AuthState } from '../account';
import type { AggregationModule } from './aggregation.module';
import { figuresFor } from './figures';

/** The staff member's region, or a prefix inside it (outside: 403). */
function scope(state: AuthState, asked: string | undefined) {
  const staff = currentStaff(state, STEWARD_ROLES, '只有数据治理人员或管理员可以查看数据归集');
  const own = regionPrefix(staff.regionCode);
  if (asked === undefined) return { staff, prefix: own };
  const prefix = regionPrefix(asked.padEnd(6, '0'));
  if (!prefix.startsWith(own)) throw new AppError('FORBIDDEN', { message: '只能查看本辖区的数据' });
  return { staff, prefix };
}

/** Staff's view of aggregation: the rate by type and region, lag, queue, failures; dead letters and 补传; reconciliation. */
export function createStaffAggregation(m: AggregationModule) {
  const { repo } = m;

  async function summary(state: AuthState, areaCode: string | undefined): Promise<AggregationSummary> {
    const { prefix } = scope(state, areaCode);
    return figuresFor(m, prefix);
  }

  async function deadLetters(state: AuthState, q: { areaCode?: string; before?: string; limit: number }) {
    const { prefix } = scope(state, q.areaCode);
    const items = await repo.deadLetters({ areaPrefix: prefix, limit: q.limit, before: q.before });
    return {
      items: items.map((d) => ({
        id: d.id,
        certificateId: d.certificateId,
        version: d.version,
        event: d.event,
        attempts: d.attempts,
        reason: d.lastError,
        typeCode: d.typeCode,
        typeName: getCertificateType(d.typeCode)?.name ?? d.typeCode,
        areaCode: d.areaCode,
        createdAt: d.createdAt.toISOString(),
      })),
      next: items.length === q.limit ? (items.at(-1)?.id ?? null) : null,
    };
  }

  /** 补传: one, several or all dead entries in the region back to the queue; audited. */
  async function resend(state: AuthState, body: { ids?: string[]; all?: true; areaCode?: string; limit: number }) {
    const { staff, prefix } = scope(state, body.areaCode);
    const resent = await repo.resend({ areaPrefix: prefix, ids: body.ids ?? null, limit: body.limit });
    await m.audit.record({
      actorKind: 'STAFF',
      actorId: staff.staffUserId,
      requestId: state.requestId,
      action: 'aggregation.resend',
      subjectType: 'aggregation',
      subjectId: prefix || 'all',
      outcome: 'OK',
      detail: { resent: resent.length, bulk: body.all === true },
    });
    return { resent: resent.length, ids: resent.map((r) => r.id) };
  }

  const present = (r: Awaited<ReturnType<typeof repo.reconciliations>>[number]) => ({
    ...r,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  });

  return {
    summary,
    deadLetters,
    resend,
    reconciliations: async (state: AuthState) => {
      scope(state, undefined);
      return { items: (await repo.reconciliations(20)).map(present) };
    },
    reconcileNow: async (state: AuthState) => {
      const { staff } = scope(state, undefined);
      const result = await m.reconcile();
      await m.audit.record({
        actorKind: 'STAFF',
        actorId: staff.staffUserId,
        requestId: state.requestId,
        action: 'aggregation.reconcile',
        subjectType: 'aggregation_reconciliation',
        subjectId: result.id,
        outcome: 'OK',
        detail: { mismatched: result.mismatched, requeued: result.requeued },
      });
      return present((await repo.reconciliations(20)).find((r) => r.id === result.id)!);
    },
  };
}

export type StaffAggregation = ReturnType<typeof createStaffAggregation>;
