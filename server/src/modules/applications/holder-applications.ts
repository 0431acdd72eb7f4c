import {
  APPLICATION_PHOTO_MISSING_MESSAGE,
  canTransition,
  editableApplicationStates,
  getCertificateType,
  kindsNeedingBaseCertificate,
  type ApplicationFormData,
  type CertificateTypeDefinition,
  type StartApplicationRequest,
  undeclaredFormKeys,
  validateApplicationForm,
} from '@roadcert/shared';
import { forCheck } from './application-compliance';
import { AppError } from '../../errors';
import { isUuid } from '../../lib/ids';
import { auditActor, type AuthState } from '../account';
import type { ApplicationsModule } from './applications.module';
import type { ApplicationRow, CertificateRow, HolderRow } from './applications.repo';
import { photoRequiredFor, prefillFromExtension, presentDetail, presentSummary } from './applications.presenter';

const DAY = 86_400_000;

const daysPastExpiry = (validUntil: Date | null, now: Date) =>
  validUntil ? Math.floor((now.getTime() - validUntil.getTime()) / DAY) : -Infinity;

const keyTaken = () => new AppError('CONFLICT', { message: '该提交标识已被使用' });

/** Whether this kind of application may be made on this base certificate (its carrier, status, validity). */
function checkBaseAllows(
  kind: StartApplicationRequest['kind'],
  base: CertificateRow,
  type: CertificateTypeDefinition,
  now: Date,
) {
  const expired = base.validUntil !== null && base.validUntil.getTime() < now.getTime() - DAY;
  switch (kind) {
    case 'CONVERSION':
      if (base.carrier === 'ELECTRONIC' || base.status !== 'VALID' || expired) {
        throw new AppError('APPLICATION_NOT_ALLOWED', { message: '只有有效期内的纸质证或IC卡证可以换领电子证照' });
      }
      return;
    case 'RENEWAL': {
      if (base.status !== 'VALID' && base.status !== 'EXPIRED') throw new AppError('APPLICATION_NOT_ALLOWED');
      const lapse = type.validity.lapseAfterDays;
      if (type.category === 'RE' && lapse !== undefined && daysPastExpiry(base.validUntil, now) > lapse)
        throw new AppError('RENEWAL_NOT_ALLOWED');
      return;
    }
    case 'INITIAL':
      return; // the old certificate only prefills the form (e.g. re-application after a lapse)
    case 'REISSUE':
      // 补发 is for a lost or damaged paper or IC card; an electronic certificate is never lost.
      if (base.carrier === 'ELECTRONIC')
        throw new AppError('APPLICATION_NOT_ALLOWED', {
          message: '电子证照不会遗失或损毁，无需补发；如需更新证照内容请办理换发或变更',
        });
      if (base.status !== 'VALID' || expired)
        throw new AppError('APPLICATION_NOT_ALLOWED', { message: '只有有效的证照可以办理此项业务' });
      return;
    default:
      if (base.status !== 'VALID' || expired)
        throw new AppError('APPLICATION_NOT_ALLOWED', { message: '只有有效的证照可以办理此项业务' });
  }
}

/** 信息免填报: what the system knows is filled in; the holder confirms or corrects. */
// Its keys are applicationPrefillKeys (shared), the ones a draft may hold beside the type's fields.
const prefill = (typeCode: string, holder: HolderRow, base: CertificateRow | null): ApplicationFormData => ({
  holderName: holder.name,
  ...(holder.idNumberMasked ? { idNumberMasked: holder.idNumberMasked } : {}),
  ...(holder.creditCode ? { creditCode: holder.creditCode } : {}),
  ...(base ? { baseNumberMasked: base.numberMasked, baseIssuingAuthority: base.issuingAuthority } : {}),
  ...prefillFromExtension(typeCode, base?.extension),
});

/** The holder's side (docs/applications.md): start, list, view, save the draft, submit. */
export function createHolderApplications({ data, audit, access, photos, compliance }: ApplicationsModule) {
  const { applications } = data.repos;

  /** The caller's application (theirs as holder, or one they applied for as operator staff); else 404 + audit. */
  async function reachApplication(state: AuthState, id: string): Promise<ApplicationRow> {
    const holderId = state.auth?.holderId ?? null;
    const accountId = state.auth?.accountId ?? null;
    const row = isUuid(id) ? await applications.find(id) : null;
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

  /** The base certificate the caller may act on, checked for this kind of application and free of open ones. */
  async function reachBase(
    state: AuthState,
    baseCertificateId: string,
    input: StartApplicationRequest,
    now: Date,
  ): Promise<CertificateRow> {
    const reach = await access.reach(state, baseCertificateId, 'act');
    const base = await applications.certificate(reach.certificateId);
    if (base.typeCode !== input.typeCode)
      throw new AppError('APPLICATION_NOT_ALLOWED', { message: '所选证照与申请的证照类型不一致' });
    checkBaseAllows(input.kind, base, getCertificateType(input.typeCode)!, now);
    if ((await applications.countOpenOn(base.id)) > 0)
      throw new AppError('APPLICATION_NOT_ALLOWED', { message: '该证照已有办理中的申请' });
    return base;
  }

  async function start(state: AuthState, input: StartApplicationRequest) {
    const accountId = state.auth!.accountId;
    if (kindsNeedingBaseCertificate.includes(input.kind) && !input.baseCertificateId) {
      throw new AppError('VALIDATION_FAILED', {
        message: '请选择要办理业务的证照',
        fields: { baseCertificateId: '必填' },
      });
    }
    const base = input.baseCertificateId ? await reachBase(state, input.baseCertificateId, input, new Date()) : null;
    const holder = await applications.holder(base?.holderId ?? state.auth!.holderId!);
    const created = await data.transaction(async (r) => {
      const row = await r.applications.create({
        holderId: holder.id,
        applicantAccountId: accountId,
        typeCode: input.typeCode,
        kind: input.kind,
        baseCertificateId: base?.id ?? null,
        areaCode: base?.areaCode ?? holder.areaCode,
        formData: prefill(input.typeCode, holder, base),
      });
      await r.applications.addEvent({
        applicationId: row.id,
        fromState: null,
        toState: 'DRAFT',
        actorKind: 'ACCOUNT',
        actorId: accountId,
      });
      await audit.record(
        {
          ...auditActor(state),
          action: 'application.start',
          subjectType: 'application',
          subjectId: row.id,
          outcome: 'OK',
          detail: { typeCode: input.typeCode, kind: input.kind },
        },
        r.tx,
      );
      return row;
    });
    return presentDetail(await applications.detail(created.id), null);
  }

  async function list(state: AuthState) {
    const rows = await applications.listFor(state.auth!.holderId!, state.auth!.accountId);
    return { items: rows.map(presentSummary) };
  }

  /** The holder's view of one application (with the attached portrait's link). */
  const holderDetail = async (id: string) => {
    const row = await applications.detail(id);
    const photo = await photos.forHolder(id);
    return { ...presentDetail(row, photo), compliance: await compliance.check(forCheck(row, photo !== null)) };
  };

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
    const undeclared = undeclaredFormKeys(row.typeCode, row.kind, formData);
    if (undeclared.length > 0)
      throw new AppError('VALIDATION_FAILED', {
        fields: Object.fromEntries(undeclared.slice(0, 10).map((key) => [`formData.${key}`, '该证照类型没有此项'])),
      });
    const photo = typeof photoId === 'string' ? await photos.checkAttachable(state, row, photoId) : null;
    await data.transaction(async (r) => {
      if (!(await r.applications.saveForm(row, formData))) throw new AppError('APPLICATION_STATE_INVALID');
      if (photoId === undefined) return;
      await photos.attach(r.photos, row.id, photo?.id ?? null);
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
        r.tx,
      );
    });
    return holderDetail(row.id);
  }

  /** The form's problems, and the portrait when the application must carry its own. */
  async function hasPortrait(row: ApplicationRow) {
    if (await photos.hasAttached(row.id)) return true;
    return row.baseCertificateId !== null && (await applications.portraitPhotoIdOf(row.baseCertificateId)) !== null;
  }

  async function problemsOf(row: ApplicationRow) {
    const problems = validateApplicationForm(row.typeCode, (row.formData ?? {}) as Record<string, unknown>);
    const basePortrait = row.baseCertificateId ? await applications.portraitPhotoIdOf(row.baseCertificateId) : null;
    if (photoRequiredFor(row, Boolean(basePortrait)) && !(await photos.hasAttached(row.id))) {
      problems.photoId = APPLICATION_PHOTO_MISSING_MESSAGE;
    }
    return problems;
  }

  async function submit(state: AuthState, id: string, idempotencyKey: string) {
    const row = await reachApplication(state, id);
    if (row.idempotencyKey === idempotencyKey) return holderDetail(row.id); // a repeat: the same answer
    const taken = await applications.idWithIdempotencyKey(idempotencyKey);
    // This application with this key: the other of two taps committed between our two reads.
    if (taken === row.id) return holderDetail(row.id);
    if (taken) throw keyTaken();
    if (!canTransition(row.state, 'SUBMITTED')) throw new AppError('APPLICATION_STATE_INVALID');
    const problems = await problemsOf(row);
    if (Object.keys(problems).length > 0)
      throw new AppError('VALIDATION_FAILED', { message: '申请表有需要更正的内容', fields: problems });
    // The same rules the mini-program showed: a blocking failure (e.g. 准驾车型 not fitting the category) stops here.
    compliance.refuseBlocking(await compliance.check(forCheck(row, await hasPortrait(row))));
    const accountId = state.auth!.accountId;
    try {
      await data.transaction(async (r) => {
        const outcome = await r.applications.markSubmitted(row, idempotencyKey, new Date());
        if (outcome === 'stale') throw new AppError('APPLICATION_STATE_INVALID');
        if (outcome === 'key-taken') throw keyTaken();
        await r.applications.addEvent({
          applicationId: row.id,
          fromState: row.state,
          toState: 'SUBMITTED',
          actorKind: 'ACCOUNT',
          actorId: accountId,
          note: row.state === 'RETURNED' ? '补正后重新提交' : undefined,
        });
        await audit.record(
          {
            ...auditActor(state),
            action: 'application.submit',
            subjectType: 'application',
            subjectId: row.id,
            outcome: 'OK',
            detail: { from: row.state },
          },
          r.tx,
        );
      });
    } catch (error) {
      // Two taps at once: the loser finds the winner's submission with its own key.
      if ((await applications.idempotencyKeyOf(row.id)) === idempotencyKey) return holderDetail(row.id);
      throw error;
    }
    return holderDetail(row.id);
  }

  return { start, list, detail, saveDraft, submit };
}

export type HolderApplications = ReturnType<typeof createHolderApplications>;
