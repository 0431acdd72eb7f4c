import { certificateStatuses, type CertificateSummary } from '@roadcert/shared';

/**
 * Which certificates go into one share link. A link belongs to one holder — the person, or one
 * operator (its 经营许可证 and its vehicles' 道路运输证) — so picking a certificate of another
 * owner starts a new selection instead of mixing owners.
 */

/** The person's own certificates have no operator; each operator is its own owner. */
export const SELF_OWNER = 'self';

export interface ShareCandidate {
  id: string;
  title: string;
  numberMasked: string;
  /** Number, or '已过期 · number' for a certificate that is not valid. */
  meta: string;
  plateNumber: string | null;
  ownerKey: string;
  /** '本人证照' or the operator's name. */
  ownerLabel: string;
  /** Why it cannot be shared, or null when it can. */
  blockedReason: string | null;
}

export interface ShareOwnerGroup {
  key: string;
  label: string;
  candidates: ShareCandidate[];
}

export interface ShareSelection {
  ownerKey: string | null;
  ids: string[];
}

export const emptySelection: ShareSelection = { ownerKey: null, ids: [] };

/** The server's rules: staff who may only look cannot share, and a replaced certificate is not shared. */
function blockedReason(certificate: CertificateSummary): string | null {
  if (certificate.operatorRole === 'VIEWER') return '您是该企业的查看人员，不能分享企业证照';
  if (certificate.operatorRole === 'DRIVER') return '您是该车辆的随车人员，只能亮证，不能分享企业证照';
  if (certificate.status === 'REPLACED') return '已换发的证照不能分享，请分享换发后的证照';
  return null;
}

/** Number, with the status in front when it is not valid (the recipient will see it too). */
function metaLine(certificate: CertificateSummary): string {
  const status = certificateStatuses[certificate.status];
  return status.valid ? certificate.numberMasked : `${status.label} · ${certificate.numberMasked}`;
}

export function toShareCandidate(certificate: CertificateSummary): ShareCandidate {
  const operator = certificate.operatorName ?? null;
  return {
    id: certificate.id,
    title: certificate.typeName,
    numberMasked: certificate.numberMasked,
    meta: metaLine(certificate),
    plateNumber: certificate.plateNumber && certificate.plateNumber.trim() !== '' ? certificate.plateNumber : null,
    ownerKey: operator ?? SELF_OWNER,
    ownerLabel: operator ?? '本人证照',
    blockedReason: blockedReason(certificate),
  };
}

/** Candidates by owner, the person's own first, each owner's list in the order given. */
export function groupByOwner(candidates: ShareCandidate[]): ShareOwnerGroup[] {
  const groups: ShareOwnerGroup[] = [];
  for (const candidate of candidates) {
    let group = groups.find((existing) => existing.key === candidate.ownerKey);
    if (!group) {
      group = { key: candidate.ownerKey, label: candidate.ownerLabel, candidates: [] };
      groups.push(group);
    }
    group.candidates.push(candidate);
  }
  return [...groups.filter((group) => group.key === SELF_OWNER), ...groups.filter((group) => group.key !== SELF_OWNER)];
}

/** Ticks or unticks one certificate; one of another owner starts over with just that one. */
export function toggleCandidate(selection: ShareSelection, candidate: ShareCandidate): ShareSelection {
  if (candidate.blockedReason) return selection;
  if (selection.ownerKey !== candidate.ownerKey) return { ownerKey: candidate.ownerKey, ids: [candidate.id] };
  if (selection.ids.includes(candidate.id)) {
    const ids = selection.ids.filter((id) => id !== candidate.id);
    return ids.length === 0 ? emptySelection : { ownerKey: selection.ownerKey, ids };
  }
  return { ownerKey: selection.ownerKey, ids: [...selection.ids, candidate.id] };
}

const shareable = (group: ShareOwnerGroup) => group.candidates.filter((candidate) => !candidate.blockedReason);

export function isGroupFullySelected(selection: ShareSelection, group: ShareOwnerGroup): boolean {
  const ids = shareable(group).map((candidate) => candidate.id);
  return ids.length > 0 && selection.ownerKey === group.key && ids.every((id) => selection.ids.includes(id));
}

/** 全选 for one owner (e.g. the licence and every vehicle), or clear it when all are ticked. */
export function toggleGroup(selection: ShareSelection, group: ShareOwnerGroup): ShareSelection {
  if (isGroupFullySelected(selection, group)) return emptySelection;
  const ids = shareable(group).map((candidate) => candidate.id);
  return ids.length === 0 ? selection : { ownerKey: group.key, ids };
}

/**
 * Where the form starts: the one certificate the person came from (certificate page), or every
 * shareable certificate of an operator (operator page), or nothing.
 */
export function initialSelection(
  groups: ShareOwnerGroup[],
  from: { certificateId?: string; operatorName?: string },
): ShareSelection {
  if (from.certificateId) {
    const candidate = groups.flatMap((group) => group.candidates).find((each) => each.id === from.certificateId);
    return candidate ? toggleCandidate(emptySelection, candidate) : emptySelection;
  }
  if (from.operatorName) {
    const group = groups.find((each) => each.key === from.operatorName);
    return group ? toggleGroup(emptySelection, group) : emptySelection;
  }
  return emptySelection;
}
