import type { CertificateDetail } from '@roadcert/shared';
import { formatDateTime } from '../../lib/format';

/**
 * Words for the event kinds a certificate's history may hold. The contract types `kind` as a
 * free string, so an unknown kind is shown as "记录" with the code rather than hidden.
 */
const EVENT_LABELS: Record<string, string> = {
  ISSUED: '发证',
  IMPORTED: '证照数据归集',
  ACTIVATED: '激活电子证照',
  REPLACED: '换发',
  REISSUED: '补发',
  RENEWED: '延续',
  CHANGED: '变更',
  SUSPENDED: '暂停使用',
  CANCELLED: '注销',
  ANNULLED: '撤销',
  REVOKED: '吊销',
  EXPIRED: '有效期届满',
  PRESENTED: '出示',
  SHARED: '分享',
  VERIFIED: '被核验',
  DATA_COMPLETED: '补全信息',
};

const ACTOR_LABELS: Record<string, string> = {
  ACCOUNT: '本人',
  HOLDER: '本人',
  STAFF: '工作人员',
  SYSTEM: '系统',
};

export interface CertificateEventView {
  key: string;
  label: string;
  when: string;
  actor: string;
}

export function eventLabel(kind: string): string {
  return EVENT_LABELS[kind] ?? `记录（${kind}）`;
}

export function actorLabel(actor: string): string {
  return ACTOR_LABELS[actor] ?? actor;
}

/** Newest first: the question is usually "what happened last". */
export function toEventViews(events: CertificateDetail['events'], now?: Date): CertificateEventView[] {
  return [...events]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((event, index) => ({ key: `${event.at}-${index}`, label: eventLabel(event.kind), when: formatDateTime(event.at, now), actor: actorLabel(event.actor) }));
}
