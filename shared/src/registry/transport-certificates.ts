import { addressField, economicTypeField, plateColourField, plateNumberField, serviceAreaField } from './fields';
import { transportCertificateNumberFormat, unknownNumberFormat } from './number-formats';
import type { CertificateTypeDefinition, ValidityRule } from './types';

/** RB 运输证 (JT/T 1292-2019): one per vehicle, held by the operator. */

/**
 * Provincial-variable placeholder: no national validity period was found
 * (domain.md §4.4). The yearly 年度审验 is what keeps the certificate valid.
 */
const VEHICLE_VALIDITY: ValidityRule = { kind: 'years', years: 4, reviewIntervalMonths: 12, provincialVariable: true };

const COMMON = {
  category: 'RB',
  holderKind: 'OPERATOR',
  standard: 'JT/T 1292-2019',
  standardConfirmed: true,
  photo: null,
  plateRequired: true,
} as const;

/** Fields from the printed face as read by OCR products (domain.md §4.2). */
export const roadTransportCertificate: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D013',
  typeCode: '11100000000019713D013',
  name: '道路运输证',
  shortName: '道路运输证',
  fields: [
    plateNumberField,
    plateColourField,
    { key: 'operatingLicenceNumber', label: '经营许可证号', kind: 'text', required: true, maxLength: 40 },
    // GA/T 16.4 code; it can later drive the licence-class check (domain.md §7.3).
    { key: 'vehicleType', label: '车辆类型', kind: 'code', codeList: 'vehicleType', multiple: false, required: true },
    { key: 'capacity', label: '吨(座)位', kind: 'text', required: true, maxLength: 20, hint: '如“10吨”或“45座”' },
    { key: 'dimensions', label: '车辆尺寸', kind: 'text', required: true, maxLength: 40, hint: '长×宽×高，单位毫米' },
    {
      key: 'businessScope',
      label: '经营范围',
      kind: 'code',
      codeList: 'businessScope',
      multiple: true,
      required: true,
    },
    { ...economicTypeField, required: false },
    { ...addressField, required: false },
    { key: 'firstIssuedDate', label: '初领日期', kind: 'date', required: false },
    { key: 'reviewValidUntil', label: '审验有效期至', kind: 'date', required: false },
  ],
  validity: VEHICLE_VALIDITY,
  numberFormat: transportCertificateNumberFormat,
};

/** Not covered by domain.md §4.2; fields inferred from the 道路运输证 and typical 网约车 data. */
export const rideHailingVehicleCertificate: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D073',
  typeCode: '11100000000019713D073',
  name: '网络预约出租汽车运输证',
  shortName: '网约车运输证',
  fields: [
    plateNumberField,
    plateColourField,
    { key: 'operatingLicenceNumber', label: '网约车经营许可证号', kind: 'text', required: true, maxLength: 40 },
    { key: 'vehicleType', label: '车辆类型', kind: 'code', codeList: 'vehicleType', multiple: false, required: false },
    { key: 'brandModel', label: '品牌型号', kind: 'text', required: false, maxLength: 60 },
    { key: 'seats', label: '核定座位', kind: 'text', required: false, maxLength: 10 },
    { ...serviceAreaField, required: true },
    { key: 'firstIssuedDate', label: '初领日期', kind: 'date', required: false },
  ],
  validity: VEHICLE_VALIDITY,
  numberFormat: unknownNumberFormat,
};
