import {
  chinaToday,
  checkFieldValue,
  completionTaskStateLabels,
  complianceFieldLabel,
  fieldValueFromForm,
  fieldValueToForm,
  getCertificateType,
  isEmptyFieldValue,
  maskHolderName,
  openCompletionTaskStates,
  suppliableCompletionTaskStates,
  supplementInputFor,
  type CompletionTaskList,
  type CompletionTaskView,
  type ComplianceFixer,
  type StaffCompletionTaskView,
  type SupplyCompletionRequest,
} from '@roadcert/shared';
import type { ObjectStorage } from '../../adapters/storage';
import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import { regionPrefix } from '../../lib/regions';
import { auditActor, type AuthState } from '../account';
import type { CertificateAccess } from '../certificates';
import type { ComplianceRepo, TaskRow } from './compliance.repo';
import type { Checker } from './checker';
import type { SupplementWriter } from './supplement';
import type { Db, UnitOfWork } from '../../db/unit-of-work';

/**
 * The loop (缺失数据补传): the holder (or the operator's member) sees the certificate's open
 * failures as tasks, supplies the value with evidence, staff accept (the certificate is
 * updated, re-signed, sent for aggregation, rechecked), return with a reason or waive.
 * Every step audited; another holder's task is a 404. docs/compliance.md, "The loop".
 */

const SUPPLIABLE: readonly string[] = suppliableCompletionTaskStates;
const ACTING_ROLES = new Set(['LEGAL_REPRESENTATIVE', 'MANAGER']);

type FormValue = string | string[] | null;

function formValue(typeCode: string, fieldKey: string | null, value: unknown): FormValue {
  if (fieldKey === null || isEmptyFieldValue(value)) return null;
  const field = getCertificateType(typeCode)?.fields.find((f) => f.key === fieldKey);
  if (!field) return null;
  const shown = fieldValueToForm(field, value);
  return shown === null ? null : String(shown);
}

export function presentTask(row: TaskRow, canAct: boolean): CompletionTaskView {
  const type = getCertificateType(row.typeCode);
  const fixableBy = row.fixableBy as ComplianceFixer;
  const input = supplementInputFor(row.typeCode, { field: row.field, fixableBy });
  const extension = (row.certificate.extension ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    certificateId: row.certificateId,
    typeCode: row.typeCode,
    typeName: type?.name ?? row.typeCode,
    certificateNumber: row.certificate.numberMasked,
    ruleId: row.ruleCode,
    field: row.field,
    fieldLabel: complianceFieldLabel(row.typeCode, row.field),
    message: row.message,
    severity: row.severity === 'blocking' ? 'blocking' : 'warning',
    fixableBy,
    state: row.state,
    stateLabel: completionTaskStateLabels[row.state],
    canSupply: canAct && input.selfService && SUPPLIABLE.includes(row.state),
    input: {
      fieldKey: input.fieldKey,
      evidence: input.evidence,
      evidenceHint: input.evidenceHint,
      currentValue: formValue(row.typeCode, input.fieldKey, input.fieldKey ? extension[input.fieldKey] : null),
    },
    suppliedValue: formValue(row.typeCode, input.fieldKey, row.suppliedValue),
    evidencePhotoId: row.evidencePhotoId,
    returnReason: row.returnReason,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

export type TaskDeps = {
  /** `tx` only to hand to `audit.record(entry, r.tx)` inside a transaction (PGlite has one connection). */
  data: UnitOfWork<{ compliance: ComplianceRepo; tx: Db }>;
  access: CertificateAccess;
  audit: AuditLog;
  checker: Checker;
  supplements: SupplementWriter;
  storage: Pick<ObjectStorage, 'signedUrl'>;
  urlTtlSeconds: number;
};

export function createTasks(deps: TaskDeps) {
  const repo = deps.data.repos.compliance;

  const denied = async (state: AuthState, id: string, reason: string) => {
    await deps.audit.record({
      ...auditActor(state),
      action: 'completion_task.access_denied',
      subjectType: 'completion_task',
      subjectId: id,
      outcome: 'DENIED',
      detail: { reason },
    });
    return new AppError('NOT_FOUND');
  };

  /** The holders whose tasks the caller sees, and whether they may act for each. */
  async function reachable(state: AuthState) {
    const { own, operators } = await deps.access.reachableHolders(state);
    const acts = new Map<string, boolean>();
    if (own) acts.set(own, true);
    for (const o of operators) acts.set(o.holderId, ACTING_ROLES.has(o.role));
    if (acts.size === 0) throw new AppError('REAL_NAME_REQUIRED');
    return acts;
  }

  /** A task of the caller's (own or an operator's they belong to), or a 404 on record. */
  async function ownTask(state: AuthState, id: string) {
    const acts = await reachable(state);
    const row = isUuid(id) ? await repo.task(id) : null;
    if (!row || !acts.has(row.holderId) || (row.fixableBy !== 'holder' && row.fixableBy !== 'operator'))
      throw await denied(state, id, 'not_reachable');
    return { row, canAct: acts.get(row.holderId)! };
  }

  /** A task in the staff member's region, or a 404 on record. */
  async function regionTask(state: AuthState, id: string) {
    const row = isUuid(id) ? await repo.task(id) : null;
    if (!row || !row.areaCode.startsWith(regionPrefix(state.staff!.regionCode)))
      throw await denied(state, id, 'outside_region');
    return row;
  }

  async function presentStaff(row: TaskRow): Promise<StaffCompletionTaskView> {
    const base = presentTask(row, false);
    const label = base.fieldLabel ?? row.field;
    // "before" is what the certificate said when the supplement was made (kept after acceptance).
    const before = formValue(row.typeCode, base.input.fieldKey, row.previousValue);
    const diff =
      row.state === 'OPEN' || (row.suppliedValue === null && row.evidencePhotoId === null)
        ? null
        : { label, before: before?.toString() ?? null, after: base.suppliedValue?.toString() ?? null };
    const evidenceKey = row.evidencePhoto?.processedKey ?? row.evidencePhoto?.originalKey;
    const evidenceUrl = evidenceKey
      ? (await deps.storage.signedUrl(evidenceKey, { expiresInSeconds: deps.urlTtlSeconds })).url
      : null;
    return {
      ...base,
      holderName: maskHolderName(row.holder.kind, row.holder.name),
      areaCode: row.areaCode,
      diff,
      evidenceUrl,
    };
  }

  return {
    async list(state: AuthState, q: { certificateId?: string; include: 'open' | 'all' }): Promise<CompletionTaskList> {
      const acts = await reachable(state);
      if (q.certificateId !== undefined) await deps.access.reach(state, q.certificateId, 'read');
      const rows = await repo.holderTasks([...acts.keys()], {
        certificateId: q.certificateId,
        open: q.include === 'open',
      });
      const items = rows.map((r) => presentTask(r, acts.get(r.holderId)!));
      return { items, actionable: items.filter((t) => t.canSupply).length };
    },

    async get(state: AuthState, id: string) {
      const { row, canAct } = await ownTask(state, id);
      return presentTask(row, canAct);
    },

    async supply(state: AuthState, id: string, body: SupplyCompletionRequest) {
      const { row } = await ownTask(state, id);
      // The acting right on the certificate itself: VIEWER and drivers get the 403 with its reason.
      await deps.access.reach(state, row.certificateId, 'act');
      const input = supplementInputFor(row.typeCode, { field: row.field, fixableBy: row.fixableBy as ComplianceFixer });
      if (!input.selfService)
        throw new AppError('TASK_STATE_INVALID', { message: '该事项需由运管部门处理，无需您补充' });
      if (!SUPPLIABLE.includes(row.state)) throw new AppError('TASK_STATE_INVALID');

      let stored: string | string[] | null = null;
      if (input.fieldKey !== null) {
        const field = getCertificateType(row.typeCode)!.fields.find((f) => f.key === input.fieldKey)!;
        const raw = Array.isArray(body.value) ? body.value.join(',') : body.value;
        if (raw === null || raw.trim() === '')
          throw new AppError('VALIDATION_FAILED', { fields: { value: `请填写${field.label}` } });
        stored = fieldValueFromForm(field, raw);
        const problem = checkFieldValue(field, stored);
        if (problem) throw new AppError('VALIDATION_FAILED', { fields: { value: problem } });
      }
      if (input.evidence === 'required' && body.evidencePhotoId === undefined) throw new AppError('EVIDENCE_REQUIRED');
      if (body.evidencePhotoId !== undefined) {
        const photoId = body.evidencePhotoId;
        const photo = isUuid(photoId)
          ? ((await repo.holderPhoto(photoId, row.holderId)) ??
            (state.auth?.holderId ? await repo.holderPhoto(photoId, state.auth.holderId) : null))
          : null;
        const wanted = row.field === 'portrait' ? 'PORTRAIT' : null;
        if (!photo || (wanted && photo.purpose !== wanted))
          throw new AppError('VALIDATION_FAILED', {
            fields: { evidencePhotoId: wanted ? '请上传通过检查的证件照' : '请上传佐证材料照片' },
          });
      }

      const moved = await deps.data.transaction(async (r) => {
        const ok = await r.compliance.submitSupplement(row.id, SUPPLIABLE, {
          suppliedValue: stored,
          // What the certificate said at the time: the reviewer's "before", also after acceptance.
          previousValue:
            input.fieldKey !== null
              ? ((row.certificate.extension as Record<string, unknown> | null)?.[input.fieldKey] ?? null)
              : null,
          evidencePhotoId: body.evidencePhotoId ?? null,
          submittedByAccountId: state.auth!.accountId,
        });
        if (ok)
          await deps.audit.record(
            {
              ...auditActor(state),
              action: 'completion_task.supplied',
              subjectType: 'completion_task',
              subjectId: row.id,
              outcome: 'OK',
              detail: { ruleId: row.ruleCode, field: row.field, evidence: body.evidencePhotoId !== undefined },
            },
            r.tx,
          );
        return ok;
      });
      if (!moved) throw new AppError('TASK_STATE_INVALID');
      return presentTask((await repo.task(row.id))!, true);
    },

    // ───────────── staff ─────────────

    async queue(
      state: AuthState,
      q: { queue: 'supplements' | 'staff'; typeCode?: string; ruleId?: string; page: number; pageSize: number },
    ) {
      const { rows, total } = await repo.staffQueue({ ...q, regionPrefix: regionPrefix(state.staff!.regionCode) });
      return { items: await Promise.all(rows.map(presentStaff)), page: q.page, pageSize: q.pageSize, total };
    },

    async staffDetail(state: AuthState, id: string) {
      return presentStaff(await regionTask(state, id));
    },

    /** Accepts a supplement: the certificate updated (new version, re-signed, aggregation), the task CONFIRMED, then rechecked. */
    async accept(state: AuthState, id: string) {
      const row = await regionTask(state, id);
      if (row.state !== 'SUBMITTED') throw new AppError('TASK_STATE_INVALID');
      const staffUserId = state.staff!.staffUserId;
      await deps.data.transaction(async (r) => {
        const ok = await r.compliance.transition(row.id, ['SUBMITTED'], {
          state: 'CONFIRMED',
          resolvedAt: new Date(),
          resolvedByStaffId: staffUserId,
        });
        if (!ok) throw new AppError('TASK_STATE_INVALID');
        await deps.supplements.apply(r.compliance, row, staffUserId);
        await deps.audit.record(
          {
            ...auditActor(state),
            action: 'completion_task.accepted',
            subjectType: 'completion_task',
            subjectId: row.id,
            outcome: 'OK',
            detail: { ruleId: row.ruleCode, field: row.field, certificateId: row.certificateId },
          },
          r.tx,
        );
      });
      await deps.checker.recheck([row.certificateId], chinaToday());
      return presentStaff((await repo.task(row.id))!);
    },

    /** Returns the supplement (REJECTED, the reason shown to the fixer) or waives the failure (WAIVED, counted as fixed). */
    async decide(state: AuthState, id: string, decision: 'return' | 'waive', reason: string) {
      const row = await regionTask(state, id);
      const from = decision === 'return' ? ['SUBMITTED'] : openCompletionTaskStates;
      const ok = await deps.data.transaction(async (r) => {
        const moved = await r.compliance.transition(
          row.id,
          from,
          decision === 'return'
            ? { state: 'REJECTED', returnReason: reason }
            : {
                state: 'WAIVED',
                returnReason: reason,
                resolvedAt: new Date(),
                resolvedByStaffId: state.staff!.staffUserId,
              },
        );
        if (moved)
          await deps.audit.record(
            {
              ...auditActor(state),
              action: decision === 'return' ? 'completion_task.returned' : 'completion_task.waived',
              subjectType: 'completion_task',
              subjectId: row.id,
              outcome: 'OK',
              detail: { ruleId: row.ruleCode, field: row.field },
            },
            r.tx,
          );
        return moved;
      });
      if (!ok) throw new AppError('TASK_STATE_INVALID');
      return presentStaff((await repo.task(row.id))!);
    },
  };
}

export type Tasks = ReturnType<typeof createTasks>;
