import { certificateEventLabel, type CertificateDetail } from '@roadcert/shared';
import { formatDateTime } from '../../lib/format';

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

/**
 * Words for an event kind, from the shared list the server writes (`certificateEventKinds`).
 * The contract types `kind` as a free string, so an unknown kind is shown as 记录（KIND） rather than hidden.
 */
export function eventLabel(kind: string): string {
  return certificateEventLabel(kind);
}

export function actorLabel(actor: string): string {
  return ACTOR_LABELS[actor] ?? actor;
}

/** Newest first: the question is usually "what happened last". */
export function toEventViews(events: CertificateDetail['events'], now?: Date): CertificateEventView[] {
  return [...events]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((event, index) => ({
      key: `${event.at}-${index}`,
      label: eventLabel(event.kind),
      when: formatDateTime(event.at, now),
      actor: actorLabel(event.actor),
    }));
}
