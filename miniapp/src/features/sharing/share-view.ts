import type { ShareState, ShareSummary } from '@roadcert/shared';
import type { ApiErrorCode } from '../../lib/api-error';
import { formatDateTime } from '../../lib/format';

/** One of my shares as the list shows it. */
export interface ShareRowView {
  id: string;
  /** '运输合同' or '其他：资质审核'. */
  purpose: string;
  recipient: string;
  /** '广州顺达物流有限公司 · 6张证照' or '道路运输从业人员从业资格证'. */
  what: string;
  state: ShareState;
  stateLabel: string;
  /** '2026年12月04日 10:00到期' / '已于…过期' / '已于…撤销'. */
  expiry: string;
  /** '被打开 3 次，最近 今天 10:05' or '尚未被打开'. */
  openings: string;
  revocable: boolean;
}

export const shareStateLabels: Record<ShareState, string> = { ACTIVE: '有效', EXPIRED: '已过期', REVOKED: '已撤销' };

export function purposeLine(share: Pick<ShareSummary, 'purposeLabel' | 'purposeText' | 'purposeCode'>): string {
  const text = share.purposeText.trim();
  if (text === '' || text === share.purposeLabel) return share.purposeLabel;
  return `${share.purposeLabel}：${text}`;
}

function whatLine(share: ShareSummary): string {
  const count = share.certificates.length;
  const first = share.certificates[0];
  const subject =
    count === 1 && first ? `${first.typeName}${first.plateNumber ? `（${first.plateNumber}）` : ''}` : `${count}张证照`;
  return share.operatorName ? `${share.operatorName} · ${subject}` : subject;
}

function expiryLine(share: ShareSummary, now?: Date): string {
  if (share.state === 'REVOKED' && share.revokedAt) return `已于${formatDateTime(share.revokedAt, now)}撤销`;
  if (share.state === 'EXPIRED') return `已于${formatDateTime(share.expiresAt, now)}过期`;
  return `${formatDateTime(share.expiresAt, now)}到期`;
}

function openingsLine(share: ShareSummary, now?: Date): string {
  if (share.openCount === 0) return '尚未被打开';
  const last = share.lastOpenedAt ? `，最近 ${formatDateTime(share.lastOpenedAt, now)}` : '';
  return `被打开 ${share.openCount} 次${last}`;
}

export function toShareRow(share: ShareSummary, now?: Date): ShareRowView {
  return {
    id: share.id,
    purpose: purposeLine(share),
    recipient: share.recipientName?.trim() || '未填写接收方',
    what: whatLine(share),
    state: share.state,
    stateLabel: shareStateLabels[share.state],
    expiry: expiryLine(share, now),
    openings: openingsLine(share, now),
    revocable: share.state === 'ACTIVE',
  };
}

/** Open links first (the ones that can still be revoked), newest first within each. */
export function toShareRows(shares: ShareSummary[], now?: Date): ShareRowView[] {
  const byNewest = [...shares].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const active = byNewest.filter((share) => share.state === 'ACTIVE');
  const closed = byNewest.filter((share) => share.state !== 'ACTIVE');
  return [...active, ...closed].map((share) => toShareRow(share, now));
}

/** An opened link that shows nothing: why, in a sentence the recipient can act on. */
export interface ClosedShareView {
  title: string;
  hint: string;
}

/** Revoked, expired and unknown links each get their own words; null: a passing error worth a retry. */
export function closedShareView(code: ApiErrorCode): ClosedShareView | null {
  switch (code) {
    case 'SHARE_REVOKED':
      return { title: '分享已撤销', hint: '持证人已撤销此分享，证照不再可见。如仍需查看，请联系持证人重新分享。' };
    case 'SHARE_EXPIRED':
      return { title: '分享已过期', hint: '此分享链接已超过有效期，证照不再可见。如仍需查看，请联系持证人重新分享。' };
    case 'NOT_FOUND':
      return { title: '链接无效', hint: '找不到此分享，请核对链接是否完整，或联系持证人重新分享。' };
    default:
      return null;
  }
}
