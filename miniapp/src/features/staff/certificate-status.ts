import type { CertificateStatus, StaffCertificateStatusChange } from '@roadcert/shared';

/** 证照状态: what a reviewer may set on a certificate in each status. */
export type StatusTarget = StaffCertificateStatusChange['status'];

export interface StatusAction {
  target: StatusTarget;
  label: string;
  /** Shown in the confirm dialog: what the change does for the holder and verifiers. */
  effect: string;
  danger: boolean;
}

const SUSPEND: StatusAction = {
  target: 'SUSPENDED',
  label: '暂停',
  effect: '暂停（暂扣）后该证照核验显示无效，持证人无法亮证，可再恢复。',
  danger: true,
};
const REVOKE: StatusAction = {
  target: 'REVOKED',
  label: '吊销',
  effect: '吊销后该证照永久无效，核验显示已吊销，不能恢复。',
  danger: true,
};
const RESTORE: StatusAction = {
  target: 'VALID',
  label: '恢复',
  effect: '恢复后该证照重新有效，可正常亮证和核验。',
  danger: false,
};

/** 有效 → 暂停 or 吊销; 已暂扣 → 恢复 or 吊销; other statuses (已吊销, 已换发, 已过期…) are final here. */
export function statusActions(status: CertificateStatus): StatusAction[] {
  if (status === 'VALID') return [SUSPEND, REVOKE];
  if (status === 'SUSPENDED') return [RESTORE, REVOKE];
  return [];
}

export const STATUS_REASON_MIN = 2;
export const STATUS_REASON_MAX = 200;

/** The reason is recorded and audited; null when it is fine. */
export function statusReasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed.length < STATUS_REASON_MIN) return '请填写原因（至少2个字）';
  if (trimmed.length > STATUS_REASON_MAX) return `原因不超过${STATUS_REASON_MAX}字`;
  return null;
}

/** Certificate numbers are typed by hand: half-width, upper case, no spaces. */
export function normaliseNumberInput(value: string): string {
  return value
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

export function numberProblem(number: string): string | null {
  const normalised = normaliseNumberInput(number);
  if (normalised.length < 4) return '请输入证照号码';
  if (normalised.length > 64) return '证照号码过长';
  return null;
}
