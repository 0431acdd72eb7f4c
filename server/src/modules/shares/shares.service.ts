import { shareLimits, type ShareCreateRequest } from '@roadcert/shared';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import type { UsageLog } from '../../lib/usage-event';
import { createCertificateAccess } from '../certificates';
import { auditActor, currentAccountId, type AuthState } from '../account';
import { hashShareSecret, newShareSecret, shareSecretPattern } from './share-secret';
import { createShareRepo } from './shares.repo';
import { presentShareSummary, presentSharedFace, purposeLabel, watermarkText } from './shares.presenter';

const DAY_MS = 86_400_000;
/** A share shorter than this is a typo, not a purpose. */
const MIN_LIFETIME_MS = 5 * 60_000;

/**
 * 加注件: purpose-limited, expiring, revocable copies of certificates behind a secret link.
 * Creating needs 'act' on every certificate (the holder, or an operator's legal
 * representative / manager); all of one holder, so an operator can send its 经营许可证
 * and its fleet's 道路运输证 in one link.
 */
/** The link's base URL, the database (shares, the access rule, audit) and the usage log openings go to. */
export type SharesDeps = {
  config: Pick<Config, 'publicBaseUrl'>;
  prisma: Database['prisma'];
  /** The audit log, built once by the composition root. */
  audit: AuditLog;
  usageLog: Pick<UsageLog, 'record' | 'flush'>;
};

export function createShareService(deps: SharesDeps) {
  const shares = createShareRepo(deps.prisma);
  const access = createCertificateAccess(deps);
  const audit = deps.audit;

  async function create(state: AuthState, input: ShareCreateRequest, now = new Date()) {
    const accountId = currentAccountId(state);
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() < now.getTime() + MIN_LIFETIME_MS)
      throw new AppError('VALIDATION_FAILED', {
        message: '有效期须晚于当前时间',
        fields: { expiresAt: '有效期须晚于当前时间' },
      });
    if (expiresAt.getTime() > now.getTime() + shareLimits.maxDays * DAY_MS)
      throw new AppError('VALIDATION_FAILED', {
        message: `分享有效期最长${shareLimits.maxDays}天`,
        fields: { expiresAt: `分享有效期最长${shareLimits.maxDays}天` },
      });
    const ids = [...new Set(input.certificateIds.map((id) => id.toLowerCase()))];
    const reaches = [];
    for (const id of ids) reaches.push(await access.reach(state, id, 'act'));
    const holderIds = new Set(reaches.map((r) => r.holderId));
    if (holderIds.size > 1)
      throw new AppError('VALIDATION_FAILED', {
        message: '一个分享只能包含同一持证人（或同一业户）的证照',
        fields: { certificateIds: '一个分享只能包含同一持证人（或同一业户）的证照' },
      });
    const statuses = await shares.certificateStatuses(ids);
    if (statuses.some((c) => c.status === 'REPLACED'))
      throw new AppError('VALIDATION_FAILED', {
        message: '已换发的证照不能分享，请分享换发后的证照',
        fields: { certificateIds: '已换发的证照不能分享，请分享换发后的证照' },
      });
    const purposeText = input.purposeText ?? '';
    const recipientName = input.recipientName || null;
    const secret = newShareSecret();
    const row = await shares.create(
      {
        holderId: reaches[0]!.holderId,
        creatorAccountId: accountId,
        purposeCode: input.purposeCode,
        purposeText,
        recipientName,
        watermarkText: watermarkText(input.purposeCode, purposeText, recipientName, expiresAt),
        linkTokenHash: hashShareSecret(secret),
        expiresAt,
      },
      ids,
    );
    await audit.record({
      ...auditActor(state),
      action: 'share.created',
      subjectType: 'share',
      subjectId: row.id,
      outcome: 'OK',
      detail: {
        purposeCode: input.purposeCode,
        certificates: ids.length,
        days: Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS),
      },
    });
    const link = `${deps.config.publicBaseUrl}/s/${secret}`;
    return { share: presentShareSummary(row, new Map(), state.auth?.holderId ?? null, now), link, qrText: link };
  }

  async function list(state: AuthState, now = new Date()) {
    const { own, operators } = await access.reachableHolders(state);
    if (own === null && operators.length === 0) throw new AppError('REAL_NAME_REQUIRED');
    const rows = await shares.listForHolders([...(own ? [own] : []), ...operators.map((o) => o.holderId)]);
    await deps.usageLog.flush(); // openings still queued count too
    const openings = await shares.openings(rows.map((r) => r.id));
    return { items: rows.map((r) => presentShareSummary(r, openings, own, now)) };
  }

  /** Revocation: the holder, or the operator's legal representative / manager; others 404 (VIEWER 403). */
  async function revoke(state: AuthState, shareId: string, now = new Date()) {
    const accountId = currentAccountId(state);
    const row = isUuid(shareId) ? await shares.byId(shareId) : null;
    const member =
      row && row.holderId !== state.auth?.holderId ? await shares.membership(row.holderId, accountId) : null;
    const own = row !== null && row.holderId === state.auth?.holderId;
    if (!row || (!own && !member)) {
      await audit.record({
        ...auditActor(state),
        action: 'share.access_denied',
        subjectType: 'share',
        subjectId: shareId,
        outcome: 'DENIED',
        detail: { reason: 'not_reachable' },
      });
      throw new AppError('NOT_FOUND');
    }
    if (!own && member?.role === 'VIEWER')
      throw new AppError('FORBIDDEN', { message: '查看人员不能撤销分享，请联系法定代表人授权' });
    const { count } = await shares.revoke(row.id, now);
    if (count === 1)
      await audit.record({
        ...auditActor(state),
        action: 'share.revoked',
        subjectType: 'share',
        subjectId: row.id,
        outcome: 'OK',
      });
    const after = await shares.byId(row.id);
    await deps.usageLog.flush();
    return presentShareSummary(after!, await shares.openings([row.id]), state.auth?.holderId ?? null, now);
  }

  /** The public opening: faces + watermark; every opening is a SHARE_OPEN event per certificate. */
  async function open(secret: string, now = new Date()) {
    const row = shareSecretPattern.test(secret) ? await shares.byLinkHash(hashShareSecret(secret)) : null;
    if (!row) throw new AppError('NOT_FOUND', { message: '分享链接无效，请向分享人核实' });
    if (row.revokedAt) throw new AppError('SHARE_REVOKED');
    if (row.expiresAt <= now)
      throw new AppError('SHARE_EXPIRED', {
        message: `该分享链接已于${row.expiresAt.toISOString().slice(0, 10)}过期，请联系分享人重新分享`,
      });
    const faces = row.items.map(({ certificate }) => ({
      certificateId: certificate.id,
      ...presentSharedFace(certificate, now),
    }));
    for (const f of faces) {
      deps.usageLog.record({
        certificateId: f.certificateId,
        channel: 'SHARE_OPEN',
        verifierRole: 'share-recipient',
        shareId: row.id,
        result: 'OPENED',
        fieldsShown: f.fieldsShown,
        at: now,
      });
    }
    return {
      purposeCode: row.purposeCode as ShareCreateRequest['purposeCode'],
      purposeLabel: purposeLabel(row.purposeCode),
      purposeText: row.purposeText,
      recipientName: row.recipientName,
      watermarkText: row.watermarkText,
      expiresAt: row.expiresAt.toISOString(),
      sharedBy: row.holder.kind === 'OPERATOR' ? row.holder.name : (faces[0]?.face.holderName ?? ''),
      certificates: faces.map((f) => f.face),
      openedAt: now.toISOString(),
    };
  }

  return { create, list, revoke, open };
}
