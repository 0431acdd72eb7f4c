import {
  faceFieldLabel,
  partnerKinds,
  sharePurposes,
  verificationChannels,
  verificationResults,
  type PartnerKind,
  type SharePurpose,
  type UsageItem,
} from '@roadcert/shared';
import type { UsageRow } from './usage.repo';

/** Verifier roles written into VerificationEvent.verifierRole (besides partner:<KIND>). */
export const verifierRoles = {
  anonymous: '匿名核验',
  inspector: '执法人员',
  staff: '管理部门工作人员',
  'share-recipient': '加注件接收方',
} as const;
export type VerifierRole = keyof typeof verifierRoles | `partner:${PartnerKind}`;

const partnerKindLabel = (kind: string) => partnerKinds[kind as PartnerKind]?.label ?? '合作机构';

/** Who checked, in words the holder understands; partners by name, share recipients as the holder named them. */
function verifierLabel(row: UsageRow): string {
  if (row.partner) return `${row.partner.name}（${partnerKindLabel(row.partner.kind)}）`;
  if (row.verifierRole === 'share-recipient' || row.share) {
    const purpose = row.share ? sharePurposes[row.share.purposeCode as SharePurpose]?.label : undefined;
    const who = row.share?.recipientName ? `：${row.share.recipientName}` : '';
    return `加注件接收方${who}${purpose ? `（事由：${purpose}）` : ''}`;
  }
  if (row.verifierRole.startsWith('partner:')) return partnerKindLabel(row.verifierRole.slice('partner:'.length));
  if (row.verifierRole === 'anonymous' && row.channel === 'LOOKUP') return '凭证号查询（未登录）';
  return (verifierRoles as Record<string, string>)[row.verifierRole] ?? row.verifierRole;
}

export function presentUsage(row: UsageRow): UsageItem {
  return {
    id: row.id,
    certificateId: row.certificateId,
    at: row.at.toISOString(),
    channel: row.channel,
    channelLabel: verificationChannels[row.channel].label,
    verifierRole: row.verifierRole,
    verifierLabel: verifierLabel(row),
    partnerName: row.partner?.name ?? null,
    shareId: row.shareId,
    result: row.result,
    resultLabel: (verificationResults as Record<string, { label: string }>)[row.result]?.label ?? row.result,
    fieldsShown: row.fieldsShown,
    fieldsShownLabels: row.fieldsShown.map(faceFieldLabel),
  };
}
