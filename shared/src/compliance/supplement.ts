import { getCertificateType } from '../registry/certificate-types';
import type { CertificateFieldDefinition } from '../registry/types';
import type { ComplianceFixer } from './types';

/**
 * How a failing rule is fixed by the people it belongs to (缺失数据补传): which registry field
 * they fill in and whether a photo of the source document (佐证材料) must come with it. The
 * mini-program renders the task from this and the server enforces it; docs/compliance.md.
 */

export type EvidenceNeed = 'required' | 'optional' | 'none';

export interface SupplementInput {
  /** The registry field (extension key) the fixer fills in; null when no value is typed. */
  fieldKey: string | null;
  evidence: EvidenceNeed;
  evidenceHint: string | null;
  /** The fixer can act on it in the app at all (otherwise it goes to the staff queue). */
  selfService: boolean;
}

/** Labels of the fields that are not registry fields (the record's own and joined ones). */
const otherFieldLabels: Readonly<Record<string, string>> = {
  number: '证照编号',
  issuedOn: '发证日期',
  validFrom: '有效期起始日期',
  validUntil: '有效期截止日期',
  issuingAuthority: '发证机关',
  issuingAuthorityCode: '发证机关统一社会信用代码',
  areaCode: '行政区划代码',
  status: '证照状态',
  identifier: '电子证照标识',
  signature: '电子证照签名',
  typeCode: '证照类型',
  portrait: '证件照',
  vehicle: '车辆信息',
  operatorLicences: '经营许可证',
  'holder.name': '持证主体名称',
  'holder.idNumber': '身份证号码',
  'holder.creditCode': '统一社会信用代码',
  'holder.businessStatus': '经营状态',
  'holder.kind': '持证主体类型',
};

/** Evidence a field's value needs, by field kind: what the staff member compares it with. */
const evidenceByKind: Partial<Record<CertificateFieldDefinition['kind'], { need: EvidenceNeed; hint: string }>> = {
  licenceClass: { need: 'required', hint: '请拍摄机动车驾驶证正页和副页，准驾车型须清晰可见' },
  qualificationCategory: { need: 'required', hint: '请拍摄考试合格证明或原从业资格证，类别须清晰可见' },
  plate: { need: 'required', hint: '请拍摄机动车行驶证正页，号牌号码须清晰可见' },
  date: { need: 'optional', hint: '可拍摄载有该日期的证明材料' },
};

function registryField(typeCode: string, key: string): CertificateFieldDefinition | undefined {
  return getCertificateType(typeCode)?.fields.find((f) => f.key === key);
}

/** The Chinese label of a failure's field: the registry's for extension keys, else the record's. */
export function complianceFieldLabel(typeCode: string, field: string): string | null {
  return registryField(typeCode, field)?.label ?? otherFieldLabels[field] ?? null;
}

/**
 * What the fixer supplies for one failure. Only holder- and operator-fixable failures on a
 * registry field (or the portrait, replaced through the photo pipeline) are self-service;
 * everything else is for staff or the upstream system.
 */
export function supplementInputFor(
  typeCode: string,
  failure: { field: string; fixableBy: ComplianceFixer },
): SupplementInput {
  const byFixer = failure.fixableBy === 'holder' || failure.fixableBy === 'operator';
  if (byFixer && failure.field === 'portrait')
    return {
      fieldKey: null,
      evidence: 'required',
      evidenceHint: '请上传近期免冠、白色背景的证件照',
      selfService: true,
    };
  const field = byFixer ? registryField(typeCode, failure.field) : undefined;
  if (field === undefined) return { fieldKey: null, evidence: 'none', evidenceHint: null, selfService: false };
  const evidence = evidenceByKind[field.kind] ?? { need: 'optional', hint: '可拍摄载有该信息的证件或证明材料' };
  return { fieldKey: field.key, evidence: evidence.need, evidenceHint: evidence.hint, selfService: true };
}
