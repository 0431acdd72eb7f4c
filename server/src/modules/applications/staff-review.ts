import {
  canTransition,
  type ApplicationDetail,
  type ApplicationState,
  type StaffApplicationDetail,
} from '@roadcert/shared';
import { forCheck } from './application-compliance';
import { AppError } from '../../errors';
import type { AuditDetail } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import { regionPrefix } from '../../lib/regions';
import { currentStaff, type AuthState } from '../account';
import type { ApplicationRepos, ApplicationsModule } from './applications.module';
import type { ApplicationDetailRow, ReviewChange } from './applications.repo';
import { presentQueueItem, presentStaffDetail } from './applications.presenter';
import { issueCertificate } from './issuance';

const DAY = 86_400_000;

export type QueueQuery = {
  typeCode?: string;
  kind?: ApplicationDetail['kind'];
  state?: ApplicationState;
  minAgeDays?: number;
};

type Decision =
  | { to: 'IN_REVIEW' }
  | { to: 'APPROVED' }
  | { to: 'RETURNED'; reasons: Record<string, string> }
  | { to: 'REJECTED'; reason: string };

const actionOf: Record<Decision['to'], string> = {
  IN_REVIEW: 'application.start_review',
  APPROVED: 'application.approve',
  RETURNED: 'application.return',
  REJECTED: 'application.reject',
};

/** The row's new state and what the decision brings with it (final ones are dated). */
const changeFor = (decision: Decision, staffUserId: string, now: Date): ReviewChange => ({
  state: decision.to,
  reviewerStaffId: staffUserId,
  ...(decision.to !== 'IN_REVIEW' ? { decidedAt: now } : {}),
  ...(decision.to === 'RETURNED' ? { returnReasons: decision.reasons } : {}),
  ...(decision.to === 'REJECTED' ? { rejectReason: decision.reason } : {}),
});

/** The timeline note: the per-field reasons of a return, the reason of a rejection. */
const noteFor = (decision: Decision) =>
  decision.to === 'RETURNED'
    ? Object.entries(decision.reasons)
        .map(([k, v]) => `${k}：${v}`)
        .join('；')
    : decision.to === 'REJECTED'
      ? decision.reason
      : undefined;

/** The reviewers' side (docs/applications.md, "Review"): the queue, one application, the decisions. */
export function createStaffReview({
  data,
  audit,
  photos,
  issuance,
  compliance,
  recheck,
  reminders,
}: ApplicationsModule) {
  const { applications } = data.repos;

  /** An application in the reviewer's region; anything else is 404 (audited). */
  async function reachForStaff(state: AuthState, id: string): Promise<ApplicationDetailRow> {
    const staff = currentStaff(state);
    const row = isUuid(id) ? await applications.findDetail(id) : null;
    if (row && row.areaCode.startsWith(regionPrefix(staff.regionCode))) return row;
    await audit.record({
      actorKind: 'STAFF',
      actorId: staff.staffUserId,
      requestId: state.requestId,
      action: 'application.access_denied',
      subjectType: 'application',
      subjectId: id.slice(0, 64),
      outcome: 'DENIED',
    });
    throw new AppError('NOT_FOUND');
  }

  async function queue(state: AuthState, query: QueueQuery) {
    const staff = currentStaff(state, 'REVIEWER');
    const now = Date.now();
    const rows = await applications.queue({
      areaPrefix: regionPrefix(staff.regionCode),
      states: query.state ? [query.state] : ['SUBMITTED', 'IN_REVIEW'],
      typeCode: query.typeCode,
      kind: query.kind,
      submittedBefore: query.minAgeDays !== undefined ? new Date(now - query.minAgeDays * DAY) : undefined,
    });
    return { items: rows.map((row) => presentQueueItem(row, now)) };
  }

  /** The reviewer's view: detail, the diff, and the portrait with its original (that link audited). */
  const presentForStaff = async (state: AuthState, staffUserId: string, row: ApplicationDetailRow) => {
    const photo = await photos.forStaff(state, staffUserId, row.id);
    return { ...presentStaffDetail(row, photo), compliance: await compliance.check(forCheck(row, photo !== null)) };
  };

  async function detail(state: AuthState, id: string): Promise<StaffApplicationDetail> {
    const staff = currentStaff(state, 'REVIEWER');
    const row = await reachForStaff(state, id);
    return presentForStaff(state, staff.staffUserId, row);
  }

  /** Approval's second half, in its transaction: the certificate issued, the application ISSUED. */
  async function issue(r: ApplicationRepos, row: ApplicationDetailRow, staffUserId: string, now: Date) {
    const { certificate } = await issueCertificate(r, issuance, row, staffUserId, now);
    if (!(await r.applications.markIssued(row.id, certificate.id))) throw new AppError('APPLICATION_STATE_INVALID');
    await r.applications.addEvent({
      applicationId: row.id,
      fromState: 'APPROVED',
      toState: 'ISSUED',
      actorKind: 'SYSTEM',
      actorId: null,
    });
    return certificate.id;
  }

  /**
   * One review action. The UPDATE matches id, state and revision as read: of two
   * concurrent decisions exactly one changes a row, the other answers 409. Approval
   * issues the certificate in the same transaction.
   */
  async function decide(state: AuthState, id: string, decision: Decision): Promise<StaffApplicationDetail> {
    const staff = currentStaff(state, 'REVIEWER');
    const row = await reachForStaff(state, id);
    const staffActor = { actorKind: 'STAFF' as const, actorId: staff.staffUserId, requestId: state.requestId };
    const action = actionOf[decision.to];
    const denied = (detail: AuditDetail) =>
      audit.record({ ...staffActor, action, subjectType: 'application', subjectId: row.id, outcome: 'DENIED', detail });
    if (!canTransition(row.state, decision.to)) {
      await denied({ state: row.state });
      throw new AppError('APPLICATION_STATE_INVALID');
    }
    if (decision.to === 'APPROVED') {
      // Never issued silently: a blocking failure of the form (e.g. 准驾车型 not fitting the category) refuses the approval.
      const result = await compliance.check(forCheck(row, await photos.hasAttached(row.id)));
      if (!result.compliant) await denied({ reason: 'compliance_blocked' });
      compliance.refuseBlocking(result);
    }
    const now = new Date();
    let issuedId: string | null = null;
    try {
      await data.transaction(async (r) => {
        if (!(await r.applications.recordReview(row, changeFor(decision, staff.staffUserId, now))))
          throw new AppError('APPLICATION_STATE_INVALID');
        await r.applications.addEvent({
          applicationId: row.id,
          fromState: row.state,
          toState: decision.to,
          actorKind: 'STAFF',
          actorId: staff.staffUserId,
          note: noteFor(decision),
        });
        const detail: AuditDetail = { from: row.state, to: decision.to };
        if (decision.to === 'APPROVED') {
          detail.certificateId = issuedId = await issue(r, row, staff.staffUserId, now);
          if (row.baseCertificateId) detail.replacedCertificateId = row.baseCertificateId;
        }
        await audit.record(
          { ...staffActor, action, subjectType: 'application', subjectId: row.id, outcome: 'OK', detail },
          r.tx,
        );
        const told = decision.to === 'APPROVED' ? 'ISSUED' : decision.to;
        if (reminders && told !== 'IN_REVIEW')
          await reminders.applicationDecided(r.tx, {
            applicationId: row.id,
            holderId: row.holderId,
            typeCode: row.typeCode,
            state: told,
            certificateId: told === 'ISSUED' ? issuedId : (row.baseCertificateId ?? null),
            reason: noteFor(decision),
            decidedAt: now,
          });
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'APPLICATION_STATE_INVALID')
        await denied({ reason: 'concurrent_change' });
      throw error;
    }
    // The new certificate checked and the replaced one's tasks resolved (it left the scope).
    if (issuedId) await recheck([issuedId, ...(row.baseCertificateId ? [row.baseCertificateId] : [])]);
    return presentForStaff(state, staff.staffUserId, await applications.detail(row.id));
  }

  return {
    queue,
    detail,
    startReview: (state: AuthState, id: string) => decide(state, id, { to: 'IN_REVIEW' }),
    approve: (state: AuthState, id: string) => decide(state, id, { to: 'APPROVED' }),
    returnForCorrection: (state: AuthState, id: string, reasons: Record<string, string>) =>
      decide(state, id, { to: 'RETURNED', reasons }),
    reject: (state: AuthState, id: string, reason: string) => decide(state, id, { to: 'REJECTED', reason }),
  };
}

export type StaffReview = ReturnType<typeof createStaffReview>;
