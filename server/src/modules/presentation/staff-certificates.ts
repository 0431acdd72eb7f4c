import {
  certificateStatuses,
  getCertificateType,
  maskHolderName,
  normaliseCode,
  type CertificateEventKind,
  type StaffCertificate,
  type StaffCertificateStatusChange,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { AppServices } from '../../app';
import { createAuditLog } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import type { Prisma } from '../../generated/prisma/client';
import { currentStaff, type AuthState } from '../session/authenticate';
import { regionPrefix } from '../../lib/regions';
import { isoDateOrNull } from '../lookup/certificate-face';
import type { StatusListService } from './status-list';

const staffSelect = {
  id: true,
  typeCode: true,
  numberMasked: true,
  carrier: true,
  status: true,
  statusReason: true,
  validUntil: true,
  areaCode: true,
  issuingAuthority: true,
  activatedAt: true,
  presentationEpoch: true,
  holder: { select: { kind: true, name: true } },
} as const satisfies Prisma.CertificateSelect;

type StaffRow = Prisma.CertificateGetPayload<{ select: typeof staffSelect }>;

function present(row: StaffRow): StaffCertificate {
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
  deps: AppServices,
  statusList: StatusListService,
  onChange: (certificateId: string) => void,
) {
  const { prisma, fieldCrypto } = deps;
  const audit = createAuditLog(prisma);

  async function search(state: AuthState, number: string): Promise<{ items: StaffCertificate[] }> {
    const staff = currentStaff(state);
    const plain = normaliseCode(number);
    // Personal numbers (从业资格证号 = ID number) and other numbers use different blind-index purposes.
    const hashes = [fieldCrypto.blindIndex(plain, 'id-number'), fieldCrypto.blindIndex(plain, 'certificate-number')];
    const rows = await prisma.certificate.findMany({
      where: { numberHash: { in: hashes }, areaCode: { startsWith: regionPrefix(staff.regionCode) } },
      select: staffSelect,
      orderBy: { issuedOn: 'desc' },
      take: 20,
    });
    return { items: rows.map(present) };
  }

  async function changeStatus(
    state: AuthState,
    certificateId: string,
    change: StaffCertificateStatusChange,
  ): Promise<StaffCertificate> {
    const staff = currentStaff(state);
    const actor = { actorKind: 'STAFF' as const, actorId: staff.staffUserId, requestId: state.requestId };
    const row = isUuid(certificateId)
      ? await prisma.certificate.findUnique({ where: { id: certificateId }, select: { id: true, areaCode: true } })
      : null;
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
    const updated = await prisma.$transaction(async (tx) => {
      const current = await tx.certificate.findUniqueOrThrow({
        where: { id: row.id },
        select: { status: true, presentationEpoch: true },
      });
      if (!allowedFrom[change.status].includes(current.status)) return { refused: current.status };
      const now = new Date();
      // Optimistic: only if nobody changed it meanwhile.
      const { count } = await tx.certificate.updateMany({
        where: { id: row.id, status: current.status, presentationEpoch: current.presentationEpoch },
        data: {
          status: change.status,
          statusReason: change.reason,
          statusChangedAt: now,
          presentationEpoch: { increment: 1 },
        },
      });
      if (count === 0) return { refused: null };
      await tx.certificateEvent.create({
        data: {
          certificateId: row.id,
          kind: 'STATUS_CHANGED' satisfies CertificateEventKind,
          actorKind: 'STAFF',
          actorId: staff.staffUserId,
          at: now,
          detail: { from: current.status, to: change.status, reason: change.reason },
        },
      });
      await audit.record(
        {
          ...actor,
          action: 'certificate.status_change',
          subjectType: 'certificate',
          subjectId: row.id,
          outcome: 'OK',
          detail: { from: current.status, to: change.status },
        },
        tx,
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
    return present(await prisma.certificate.findUniqueOrThrow({ where: { id: row.id }, select: staffSelect }));
  }

  return { search, changeStatus };
}
