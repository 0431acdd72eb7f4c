import {
  certificateStatuses,
  getCertificateType,
  maskHolderName,
  normaliseCode,
  type CertificateEventKind,
  type StaffCertificate,
  type StaffCertificateStatusChange,
} from '@roadcert/shared';
import type { Db, UnitOfWork } from '../../db/unit-of-work';
import { AppError } from '../../errors';
import type { AuditLog } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import { isUuid } from '../../lib/ids';
import { regionPrefix } from '../../lib/regions';
import { isoDateOrNull } from '../certificates';
import { currentStaff, type AuthState } from '../account';
import type { StaffCertificateRepo, StaffCertificateRow } from './staff-certificates.repo';
import type { StatusListService } from './status-list';

export type StaffCertificatesDeps = {
  fieldCrypto: Pick<FieldCrypto, 'blindIndexes'>;
  /** `tx` only goes to audit.record, so the audit row is part of the status change. */
  data: UnitOfWork<{ tx: Db; staffCertificates: StaffCertificateRepo }>;
  audit: AuditLog;
};

function present(row: StaffCertificateRow): StaffCertificate {
  return {
    id: row.id,
    typeCode: row.typeCode,
    typeName: getCertificateType(row.typeCode)?.name ?? row.typeCode,
    numberMasked: row.numberMasked,
    holderNameMasked: maskHolderName(row.holder.kind, row.holder.name),
    carrier: row.carrier,
    status: row.status,
    statusLabel: certificateStatuses[row.status].label,
    statusReason: row.statusReason,
    validUntil: isoDateOrNull(row.validUntil),
    areaCode: row.areaCode,
    issuingAuthority: row.issuingAuthority,
    activated: row.activatedAt !== null,
    presentationEpoch: row.presentationEpoch,
  };
}

/** Which status changes staff may make here; everything else (已换发, 已过期 …) belongs to other processes. */
const allowedFrom: Record<StaffCertificateStatusChange['status'], readonly string[]> = {
  REVOKED: ['VALID', 'SUSPENDED'],
  SUSPENDED: ['VALID'],
  VALID: ['SUSPENDED'],
};

/**
 * Staff find certificates by number (blind index, their region only) and revoke, suspend
 * or restore them. Every change bumps presentationEpoch — tokens fetched ahead stop
 * verifying at once — writes a CertificateEvent and an audit row in one transaction, and
 * drops the cached status list so the next fetch carries it.
 */
export function createStaffCertificates(
  deps: StaffCertificatesDeps,
  statusList: StatusListService,
  onChange: (certificateId: string) => void,
) {
  const { fieldCrypto, audit } = deps;
  const certificates = deps.data.repos.staffCertificates;

  async function search(state: AuthState, number: string): Promise<{ items: StaffCertificate[] }> {
    const staff = currentStaff(state);
    const plain = normaliseCode(number);
    // Personal numbers (从业资格证号 = ID number) and other numbers use different blind-index purposes.
    // Every key's digest while a blind-index rotation runs (docs/retention.md, "Key rotation").
    const hashes = [
      ...fieldCrypto.blindIndexes(plain, 'id-number'),
      ...fieldCrypto.blindIndexes(plain, 'certificate-number'),
    ];
    const rows = await certificates.byNumberHashes(hashes, regionPrefix(staff.regionCode));
    return { items: rows.map(present) };
  }

  async function changeStatus(
    state: AuthState,
    certificateId: string,
    change: StaffCertificateStatusChange,
  ): Promise<StaffCertificate> {
    const staff = currentStaff(state);
    const actor = { actorKind: 'STAFF' as const, actorId: staff.staffUserId, requestId: state.requestId };
    const row = isUuid(certificateId) ? await certificates.areaOf(certificateId) : null;
    if (!row || !row.areaCode.startsWith(regionPrefix(staff.regionCode))) {
      await audit.record({
        ...actor,
        action: 'certificate.access_denied',
        subjectType: 'certificate',
        subjectId: certificateId.slice(0, 64),
        outcome: 'DENIED',
        detail: { need: 'status' },
      });
      throw new AppError('NOT_FOUND');
    }
    const updated = await deps.data.transaction(async (r) => {
      const current = await r.staffCertificates.statusState(row.id);
      if (!allowedFrom[change.status].includes(current.status)) return { refused: current.status };
      const now = new Date();
      // Optimistic: only if nobody changed it meanwhile.
      if (!(await r.staffCertificates.changeStatus(row.id, current, change, now))) return { refused: null };
      await r.staffCertificates.addStaffEvent({
        certificateId: row.id,
        kind: 'STATUS_CHANGED' satisfies CertificateEventKind,
        staffUserId: staff.staffUserId,
        at: now,
        detail: { from: current.status, to: change.status, reason: change.reason },
      });
      await r.staffCertificates.enqueueAggregation(row.id, { from: current.status, to: change.status });
      await audit.record(
        {
          ...actor,
          action: 'certificate.status_change',
          subjectType: 'certificate',
          subjectId: row.id,
          outcome: 'OK',
          detail: { from: current.status, to: change.status },
        },
        r.tx,
      );
      return { refused: undefined };
    });
    if (updated.refused === null) throw new AppError('CONFLICT');
    if (updated.refused !== undefined) {
      throw new AppError('CONFLICT', {
        message: `证照当前状态为${certificateStatuses[updated.refused as keyof typeof certificateStatuses].label}，不能改为${certificateStatuses[change.status].label}`,
      });
    }
    statusList.invalidate();
    onChange(row.id);
    return present(await certificates.byId(row.id));
  }

  return { search, changeStatus };
}
