import { formatDateTime } from '../../lib/format';
import type { DriverAssignment } from './api';

export interface AssignmentView {
  id: string;
  plate: string;
  who: string;
  assigned: string;
  ended: boolean;
}

export function toAssignmentView(assignment: DriverAssignment, now?: Date): AssignmentView {
  return {
    id: assignment.id,
    plate: assignment.plateNumber,
    who: [assignment.driverNameMasked, assignment.driverPhoneMasked].filter(Boolean).join(' · ') || '未实名用户',
    assigned: formatDateTime(assignment.assignedAt, now),
    ended: assignment.revokedAt !== null,
  };
}

/** Live assignments first (by plate), ended ones after. */
export function sortAssignments(assignments: readonly DriverAssignment[]): DriverAssignment[] {
  const rank = (a: DriverAssignment) => (a.revokedAt === null ? 0 : 1);
  return [...assignments].sort(
    (a, b) =>
      rank(a) - rank(b) || a.plateNumber.localeCompare(b.plateNumber) || a.assignedAt.localeCompare(b.assignedAt),
  );
}
