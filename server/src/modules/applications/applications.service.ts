import {
  APPLICATION_PHOTO_MISSING_MESSAGE,
  applicationKindLabels,
  applicationNeedsPhoto,
  applicationRequirements,
  applicationStateLabels,
  canTransition,
  editableApplicationStates,
  fieldValueToForm,
  getCertificateType,
  isEmptyFieldValue,
  kindsNeedingBaseCertificate,
  type ApplicationDetail,
  type ApplicationFormData,
  type ApplicationPhoto,
  type ApplicationState,
  type ApplicationSummary,
  type CertificateTypeCode,
  type StartApplicationRequest,
  type StaffApplicationDetail,
  validateApplicationForm,
} from '@roadcert/shared';
import type { AppDeps } from '../../app';
import { AppError } from '../../errors';
import { createAuditLog, type AuditDetail } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import { regionPrefix } from '../../lib/regions';
import type { Prisma } from '../../generated/prisma/client';
import type { AuthState } from '../session/authenticate';
import { currentStaff } from '../session/authenticate';
import { auditActor } from '../identity/caller';
import { createCertificateAccess } from '../certificates/certificate-access';
import { issueCertificate } from './issuance';
import { createApplicationPhotos } from './application-photo';

const DAY = 86_400_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const applicationInclude = {
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  holder: { select: { name: true } },
  baseCertificate: true,
} satisfies Prisma.ApplicationInclude;
type ApplicationRow = Prisma.ApplicationGetPayload<{ include: typeof applicationInclude }>;
type ApplicationPlain = Prisma.ApplicationGetPayload<object>;

function presentSummary(row: ApplicationPlain): ApplicationSummary {
  return {
    id: row.id,
    typeCode: row.typeCode,
    typeName: getCertificateType(row.typeCode)?.name ?? row.typeCode,
    kind: row.kind,
    kindLabel: applicationKindLabels[row.kind],
    state: row.state,
    stateLabel: applicationStateLabels[row.state],
    baseCertificateId: row.baseCertificateId,
    issuedCertificateId: row.issuedCertificateId,
    areaCode: row.areaCode,
    createdAt: row.createdAt.toISOString(),
    submittedAt: iso(row.submittedAt),
    decidedAt: iso(row.decidedAt),
  };
}

/** The rule submit enforces: this application must carry its own portrait (the base certificate has none to carry over, or it is 申领). */
const photoRequiredFor = (row: Pick<ApplicationPlain, 'typeCode' | 'kind'>, baseHasPortrait: boolean) =>
  applicationNeedsPhoto(row.typeCode as CertificateTypeCode, row.kind, baseHasPortrait);

function presentDetail(row: ApplicationRow, photo: ApplicationPhoto | null): ApplicationDetail {
  return {
    ...presentSummary(row),
    formData: (row.formData ?? {}) as Record<string, unknown>,
    returnReasons: (row.returnReasons ?? null) as Record<string, string> | null,
    rejectReason: row.rejectReason,
    requirements: applicationRequirements(row.typeCode as CertificateTypeCode, row.kind),
    timeline: row.events.map((e) => ({
      fromState: e.fromState,
      toState: e.toState,
      label: applicationStateLabels[e.toState],
      actorKind: e.actorKind,
      note: e.note,
      at: e.at.toISOString(),
    })),
    revision: row.revision,
    photo,
    photoRequired: photoRequiredFor(row, Boolean(row.baseCertificate?.portraitPhotoId)),
  };
}

/** The type's extension fields whose form value differs from the base certificate's (both in the form's shape). */
function diffAgainstBase(row: ApplicationRow): StaffApplicationDetail['diff'] {
  const base = row.baseCertificate;
  if (!base) return [];
  const form = (row.formData ?? {}) as Record<string, unknown>;
  const current = (base.extension ?? {}) as Record<string, unknown>;
  return (getCertificateType(row.typeCode)?.fields ?? [])
    .map((field) => ({
      field: field.key,
      current: fieldValueToForm(field, current[field.key]),
      proposed: form[field.key],
    }))
    .filter(
      (d) => d.field in form && d.proposed !== d.current && !(isEmptyFieldValue(d.proposed) && d.current === null),
    );
}

/** 信息免填报: the base certificate's extension fields, in the form's shape (multiple-choice codes joined by ','). */
function prefillFromExtension(typeCode: string, extension: Prisma.JsonValue | undefined): ApplicationFormData {
  const stored = (extension ?? {}) as Record<string, unknown>;
  const form: ApplicationFormData = {};
  for (const field of getCertificateType(typeCode)?.fields ?? []) {
    const value = fieldValueToForm(field, stored[field.key]);
    if (value !== null) form[field.key] = value;
  }
  return form;
}


const daysPastExpiry = (validUntil: Date | null, now: Date) =>
  validUntil ? Math.floor((now.getTime() - validUntil.getTime()) / DAY) : -Infinity;

export function createApplicationService(deps: AppDeps) {
  const { prisma } = deps;
  const audit = createAuditLog(prisma);
  const access = createCertificateAccess(prisma);
  const photos = createApplicationPhotos(deps);

  const loadRow = (id: string) => prisma.application.findUniqueOrThrow({ where: { id }, include: applicationInclude });

  /** The caller's application (theirs as holder, or one they applied for as operator staff); else 404 + audit. */
  async function reachApplication(state: AuthState, id: string): Promise<ApplicationPlain> {
    const holderId = state.auth?.holderId ?? null;
    const accountId = state.auth?.accountId ?? null;
    const row = isUuid(id) ? await prisma.application.findUnique({ where: { id } }) : null;
    if (row && ((holderId && row.holderId === holderId) || (accountId && row.applicantAccountId === accountId)))
      return row;
    await audit.record({
      ...auditActor(state),
      action: 'application.access_denied',
      subjectType: 'application',
      subjectId: id.slice(0, 64),
      outcome: 'DENIED',
    });
    throw new AppError('NOT_FOUND');
  }

  async function event(
    tx: Prisma.TransactionClient,
    applicationId: string,
    fromState: ApplicationState | null,
    toState: ApplicationState,
    actorKind: string,
    actorId: string | null,
    note?: string,
  ) {
    await tx.applicationEvent.create({
      data: { applicationId, fromState, toState, actorKind, actorId, note: note?.slice(0, 500) },
    });
  }

  async function start(state: AuthState, input: StartApplicationRequest) {
    const accountId = state.auth!.accountId;
    const ownHolderId = state.auth!.holderId!;
    const now = new Date();
    const type = getCertificateType(input.typeCode)!;
    if (kindsNeedingBaseCertificate.includes(input.kind) && !input.baseCertificateId) {
      throw new AppError('VALIDATION_FAILED', {
        message: '请选择要办理业务的证照',
        fields: { baseCertificateId: '必填' },
      });
    }
    let base: Prisma.CertificateGetPayload<object> | null = null;
    if (input.baseCertificateId) {
      const reach = await access.reach(state, input.baseCertificateId, 'act');
      base = await prisma.certificate.findUniqueOrThrow({ where: { id: reach.certificateId } });
      if (base.typeCode !== input.typeCode)
        throw new AppError('APPLICATION_NOT_ALLOWED', { message: '所选证照与申请的证照类型不一致' });
      const expired = base.validUntil !== null && base.validUntil.getTime() < now.getTime() - DAY;
      switch (input.kind) {
        case 'CONVERSION':
          if (base.carrier === 'ELECTRONIC' || base.status !== 'VALID' || expired) {
            throw new AppError('APPLICATION_NOT_ALLOWED', { message: '只有有效期内的纸质证或IC卡证可以换领电子证照' });
          }
          break;
        case 'RENEWAL': {
          if (base.status !== 'VALID' && base.status !== 'EXPIRED') throw new AppError('APPLICATION_NOT_ALLOWED');
          const lapse = type.validity.lapseAfterDays;
          if (type.category === 'RE' && lapse !== undefined && daysPastExpiry(base.validUntil, now) > lapse)
            throw new AppError('RENEWAL_NOT_ALLOWED');
          break;
        }
        case 'INITIAL':
          break; // the old certificate only prefills the form (e.g. re-application after a lapse)
        default:
          if (base.status !== 'VALID' || expired)
            throw new AppError('APPLICATION_NOT_ALLOWED', { message: '只有有效的证照可以办理此项业务' });
      }
      const open = await prisma.application.count({
        where: { baseCertificateId: base.id, state: { notIn: ['REJECTED', 'ISSUED'] } },
      });
      if (open > 0) throw new AppError('APPLICATION_NOT_ALLOWED', { message: '该证照已有办理中的申请' });
    }
    const holderId = base?.holderId ?? ownHolderId;
    const holder = await prisma.holder.findUniqueOrThrow({ where: { id: holderId } });
    // 信息免填报: what the system knows is filled in; the holder confirms or corrects.
    const formData: ApplicationFormData = {
      holderName: holder.name,
      ...(holder.idNumberMasked ? { idNumberMasked: holder.idNumberMasked } : {}),
      ...(holder.creditCode ? { creditCode: holder.creditCode } : {}),
      ...(base ? { baseNumberMasked: base.numberMasked, baseIssuingAuthority: base.issuingAuthority } : {}),
      ...prefillFromExtension(input.typeCode, base?.extension),
    };
    const created = await prisma.$transaction(async (tx) => {
      const row = await tx.application.create({
        data: {
          holderId,
          applicantAccountId: accountId,
          typeCode: input.typeCode,
          kind: input.kind,
          baseCertificateId: base?.id ?? null,
          areaCode: base?.areaCode ?? holder.areaCode,
          formData,
        },
      });
      await event(tx, row.id, null, 'DRAFT', 'ACCOUNT', accountId);
      await audit.record(
        {
          ...auditActor(state),
          action: 'application.start',
          subjectType: 'application',
          subjectId: row.id,
          outcome: 'OK',
          detail: { typeCode: input.typeCode, kind: input.kind },
        },
        tx,
      );
      return row;
    });
    return presentDetail(await loadRow(created.id), null);
  }

  async function list(state: AuthState) {
    const holderId = state.auth!.holderId!;
    const rows = await prisma.application.findMany({
      where: { OR: [{ holderId }, { applicantAccountId: state.auth!.accountId }] },
      orderBy: { createdAt: 'desc' },
      take: 200,
    });
    return { items: rows.map(presentSummary) };
  }

  /** The holder's view of one application (with the attached portrait's link). */
  const holderDetail = async (id: string) => presentDetail(await loadRow(id), await photos.forHolder(id));

  async function detail(state: AuthState, id: string) {
    const row = await reachApplication(state, id);
    return holderDetail(row.id);
  }

  /**
   * Saves the form and, when `photoId` is given, attaches that portrait (null: detaches),
   * in one transaction under the optimistic lock. Omitting `photoId` leaves the photo as is.
   */
  async function saveDraft(state: AuthState, id: string, formData: ApplicationFormData, photoId?: string | null) {
    const row = await reachApplication(state, id);
    if (!editableApplicationStates.includes(row.state)) throw new AppError('APPLICATION_STATE_INVALID');
    const photo = typeof photoId === 'string' ? await photos.checkAttachable(state, row, photoId) : null;
    await prisma.$transaction(async (tx) => {
      const updated = await tx.application.updateMany({
        where: { id: row.id, state: row.state, revision: row.revision },
        data: { formData, revision: { increment: 1 } },
      });
      if (updated.count !== 1) throw new AppError('APPLICATION_STATE_INVALID');
      if (photoId === undefined) return;
      await photos.attach(tx, row.id, photo?.id ?? null);
      const action = photo ? 'application.photo_attach' : 'application.photo_detach';
      await audit.record(
        {
          ...auditActor(state),
          action,
          subjectType: 'application',
          subjectId: row.id,
          outcome: 'OK',
          detail: { photoId: photo?.id ?? null },
        },
        tx,
      );
    });
    return holderDetail(row.id);
  }

  async function submit(state: AuthState, id: string, idempotencyKey: string) {
    const row = await reachApplication(state, id);
    if (row.idempotencyKey === idempotencyKey) return holderDetail(row.id); // a repeat: the same answer
    const taken = await prisma.application.findUnique({ where: { idempotencyKey }, select: { id: true } });
    // This application with this key: the other of two taps committed between our two reads.
    if (taken?.id === row.id) return holderDetail(row.id);
    if (taken) throw new AppError('CONFLICT', { message: '该提交标识已被使用' });
    if (!canTransition(row.state, 'SUBMITTED')) throw new AppError('APPLICATION_STATE_INVALID');
    const problems = validateApplicationForm(row.typeCode, (row.formData ?? {}) as Record<string, unknown>);
    const base = row.baseCertificateId
      ? await prisma.certificate.findUnique({ where: { id: row.baseCertificateId }, select: { portraitPhotoId: true } })
      : null;
    if (photoRequiredFor(row, Boolean(base?.portraitPhotoId)) && !(await photos.hasAttached(row.id))) {
      problems.photoId = APPLICATION_PHOTO_MISSING_MESSAGE;
    }
    if (Object.keys(problems).length > 0)
      throw new AppError('VALIDATION_FAILED', { message: '申请表有需要更正的内容', fields: problems });
    const accountId = state.auth!.accountId;
    try {
      await prisma.$transaction(async (tx) => {
        const updated = await tx.application.updateMany({
          where: { id: row.id, state: row.state, revision: row.revision },
          data: { state: 'SUBMITTED', idempotencyKey, submittedAt: new Date(), revision: { increment: 1 } },
        });
        if (updated.count !== 1) throw new AppError('APPLICATION_STATE_INVALID');
        await event(
          tx,
          row.id,
          row.state,
          'SUBMITTED',
          'ACCOUNT',
          accountId,
          row.state === 'RETURNED' ? '补正后重新提交' : undefined,
        );
        await audit.record(
          {
            ...auditActor(state),
            action: 'application.submit',
            subjectType: 'application',
            subjectId: row.id,
            outcome: 'OK',
            detail: { from: row.state },
          },
          tx,
        );
      });
    } catch (error) {
      // Two taps at once: the loser finds the winner's submission with its own key.
      const now = await prisma.application.findUnique({ where: { id: row.id }, select: { idempotencyKey: true } });
      if (now?.idempotencyKey === idempotencyKey) return holderDetail(row.id);
      if (error instanceof AppError) throw error;
      if ((error as { code?: string }).code === 'P2002')
        throw new AppError('CONFLICT', { message: '该提交标识已被使用' });
      throw error;
    }
    return holderDetail(row.id);
  }

  // ───────────── staff ─────────────

  /** An application in the reviewer's region; anything else is 404 (audited). */
  async function reachForStaff(state: AuthState, id: string): Promise<ApplicationRow> {
    const staff = currentStaff(state);
    const row = isUuid(id) ? await prisma.application.findUnique({ where: { id }, include: applicationInclude }) : null;
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

  async function staffQueue(
    state: AuthState,
    query: { typeCode?: string; kind?: ApplicationDetail['kind']; state?: ApplicationState; minAgeDays?: number },
  ) {
    const staff = currentStaff(state, 'REVIEWER');
    const now = Date.now();
    const rows = await prisma.application.findMany({
      where: {
        areaCode: { startsWith: regionPrefix(staff.regionCode) },
        state: query.state ?? { in: ['SUBMITTED', 'IN_REVIEW'] },
        ...(query.typeCode ? { typeCode: query.typeCode } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.minAgeDays !== undefined ? { submittedAt: { lte: new Date(now - query.minAgeDays * DAY) } } : {}),
      },
      include: { holder: { select: { name: true } } },
      orderBy: [{ submittedAt: 'asc' }, { createdAt: 'asc' }],
      take: 200,
    });
    return {
      items: rows.map((r) => ({
        ...presentSummary(r),
        holderName: r.holder.name,
        ageDays: Math.floor((now - (r.submittedAt ?? r.createdAt).getTime()) / DAY),
      })),
    };
  }

  /** The reviewer's view: detail, the diff, and the portrait with its original (that link audited). */
  const presentForStaff = async (
    state: AuthState,
    staffUserId: string,
    row: ApplicationRow,
  ): Promise<StaffApplicationDetail> => ({
    ...presentDetail(row, await photos.forStaff(state, staffUserId, row.id)),
    holderName: row.holder.name,
    diff: diffAgainstBase(row),
  });

  async function staffDetail(state: AuthState, id: string): Promise<StaffApplicationDetail> {
    const staff = currentStaff(state, 'REVIEWER');
    const row = await reachForStaff(state, id);
    return presentForStaff(state, staff.staffUserId, row);
  }

  type Decision =
    | { to: 'IN_REVIEW' }
    | { to: 'APPROVED' }
    | { to: 'RETURNED'; reasons: Record<string, string> }
    | { to: 'REJECTED'; reason: string };

  /**
   * One review action. The UPDATE matches id, state and revision as read: of two
   * concurrent decisions exactly one changes a row, the other answers 409. Approval
   * issues the certificate in the same transaction.
   */
  async function decide(state: AuthState, id: string, decision: Decision) {
    const staff = currentStaff(state, 'REVIEWER');
    const row = await reachForStaff(state, id);
    const staffActor = { actorKind: 'STAFF' as const, actorId: staff.staffUserId, requestId: state.requestId };
    const action = {
      IN_REVIEW: 'application.start_review',
      APPROVED: 'application.approve',
      RETURNED: 'application.return',
      REJECTED: 'application.reject',
    }[decision.to];
    if (!canTransition(row.state, decision.to)) {
      await audit.record({
        ...staffActor,
        action,
        subjectType: 'application',
        subjectId: row.id,
        outcome: 'DENIED',
        detail: { state: row.state },
      });
      throw new AppError('APPLICATION_STATE_INVALID');
    }
    const now = new Date();
    const final = decision.to !== 'IN_REVIEW';
    try {
      await prisma.$transaction(async (tx) => {
        const updated = await tx.application.updateMany({
          where: { id: row.id, state: row.state, revision: row.revision },
          data: {
            state: decision.to,
            revision: { increment: 1 },
            reviewerStaffId: staff.staffUserId,
            ...(final ? { decidedAt: now } : {}),
            ...(decision.to === 'RETURNED' ? { returnReasons: decision.reasons } : {}),
            ...(decision.to === 'REJECTED' ? { rejectReason: decision.reason } : {}),
          },
        });
        if (updated.count !== 1) throw new AppError('APPLICATION_STATE_INVALID');
        const note =
          decision.to === 'RETURNED'
            ? Object.entries(decision.reasons)
                .map(([k, v]) => `${k}：${v}`)
                .join('；')
            : decision.to === 'REJECTED'
              ? decision.reason
              : undefined;
        await event(tx, row.id, row.state, decision.to, 'STAFF', staff.staffUserId, note);
        const detail: AuditDetail = { from: row.state, to: decision.to };
        if (decision.to === 'APPROVED') {
          const { certificate } = await issueCertificate(
            tx,
            deps,
            { ...row, formData: row.formData },
            staff.staffUserId,
            now,
          );
          const issued = await tx.application.updateMany({
            where: { id: row.id, state: 'APPROVED' },
            data: { state: 'ISSUED', issuedCertificateId: certificate.id, revision: { increment: 1 } },
          });
          if (issued.count !== 1) throw new AppError('APPLICATION_STATE_INVALID');
          await event(tx, row.id, 'APPROVED', 'ISSUED', 'SYSTEM', null);
          detail.certificateId = certificate.id;
          if (row.baseCertificateId) detail.replacedCertificateId = row.baseCertificateId;
        }
        await audit.record(
          { ...staffActor, action, subjectType: 'application', subjectId: row.id, outcome: 'OK', detail },
          tx,
        );
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'APPLICATION_STATE_INVALID') {
        await audit.record({
          ...staffActor,
          action,
          subjectType: 'application',
          subjectId: row.id,
          outcome: 'DENIED',
          detail: { reason: 'concurrent_change' },
        });
      }
      throw error;
    }
    return presentForStaff(state, staff.staffUserId, await loadRow(row.id));
  }

  return { start, list, detail, saveDraft, submit, staffQueue, staffDetail, decide };
}
