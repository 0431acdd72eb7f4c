import { operatorRoleLabels } from '@roadcert/shared';
import { formatDateTime } from '../../lib/format';
import type { OperatorMember } from './api';

export interface MemberView {
  id: string;
  who: string;
  phone: string | null;
  roleLabel: string;
  granted: string;
  revoked: boolean;
  /** The legal representative's own membership cannot be revoked here. */
  revocable: boolean;
}

export function toMemberView(member: OperatorMember, now?: Date): MemberView {
  return {
    id: member.id,
    who: member.nameMasked ?? member.phoneMasked ?? '未实名用户',
    phone: member.nameMasked ? member.phoneMasked : null,
    roleLabel: operatorRoleLabels[member.role],
    granted: formatDateTime(member.grantedAt, now),
    revoked: member.revokedAt !== null,
    revocable: member.role !== 'LEGAL_REPRESENTATIVE' && member.revokedAt === null,
  };
}

/** Active members first (legal representative on top), revoked ones after. */
export function sortMembers(members: readonly OperatorMember[]): OperatorMember[] {
  const rank = (member: OperatorMember) =>
    member.revokedAt !== null ? 2 : member.role === 'LEGAL_REPRESENTATIVE' ? 0 : 1;
  return [...members].sort((a, b) => rank(a) - rank(b) || a.grantedAt.localeCompare(b.grantedAt));
}
