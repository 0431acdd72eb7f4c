import { addressField, branchFlagField, economicTypeField, legalRepresentativeField, serviceAreaField } from './fields';
import { operatingLicenceNumberFormat, unknownNumberFormat } from './number-formats';
import type { CertificateTypeDefinition, ValidityRule } from './types';

/**
 * RA 经营许可证 (JT/T 1291-2019): issued to operators, no portrait photo.
 * Field sets follow domain.md §3–4; the standard's own metadata table was not
 * available, so treat them as our best reading.
 */

/**
 * Provincial-variable: one observed licence ran 2025-10-11 to 2029-10-10
 * (domain.md §4.4). No national renewal window or lapse rule was found.
 */
const OPERATING_VALIDITY: ValidityRule = { kind: 'years', years: 4, provincialVariable: true };

const COMMON = {
  category: 'RA',
  holderKind: 'OPERATOR',
  standard: 'JT/T 1291-2019',
  standardConfirmed: true,
  photo: null,
  plateRequired: false,
} as const;

export const roadTransportOperatingLicence: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D008',
  typeCode: '11100000000019713D008',
  name: '道路运输经营许可证',
  shortName: '经营许可证',
  fields: [
    {
      key: 'businessScope',
      label: '经营范围',
      kind: 'code',
      codeList: 'businessScope',
      multiple: true,
      required: true,
    },
    addressField,
    economicTypeField,
    legalRepresentativeField,
    branchFlagField,
  ],
  validity: OPERATING_VALIDITY,
  numberFormat: operatingLicenceNumberFormat,
};

export const hazardousGoodsLicence: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D016',
  typeCode: '11100000000019713D016',
  name: '道路危险货物运输许可证',
  shortName: '危货运输许可证',
  fields: [
    {
      key: 'businessScope',
      label: '经营范围',
      kind: 'code',
      codeList: 'businessScope',
      multiple: true,
      required: true,
      allowedCodes: ['030', '031', '032'],
    },
    // JT/T 1291's 危险货物 类/项 value set was not found (domain.md §3), so free text for now.
    { key: 'hazardousGoodsClasses', label: '危险货物类项', kind: 'text', required: false, maxLength: 200 },
    addressField,
    economicTypeField,
    legalRepresentativeField,
    branchFlagField,
  ],
  validity: OPERATING_VALIDITY,
  // Assumed to share the 经营许可证号 layout; unconfirmed.
  numberFormat: operatingLicenceNumberFormat,
};

export const rideHailingOperatingLicence: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D074',
  typeCode: '11100000000019713D074',
  name: '网络预约出租汽车经营许可证',
  shortName: '网约车经营许可证',
  fields: [addressField, legalRepresentativeField, { ...serviceAreaField, required: true }, branchFlagField],
  validity: OPERATING_VALIDITY,
  numberFormat: unknownNumberFormat,
};

export const radioactiveGoodsLicence: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D079',
  typeCode: '11100000000019713D079',
  name: '放射性物品道路运输许可证',
  shortName: '放射性物品运输许可证',
  fields: [
    // None of the §3 经营范围 codes covers radioactive goods, so the scope is free text.
    { key: 'businessScopeText', label: '经营范围', kind: 'text', required: true, maxLength: 200 },
    addressField,
    economicTypeField,
    legalRepresentativeField,
  ],
  validity: OPERATING_VALIDITY,
  numberFormat: unknownNumberFormat,
};
