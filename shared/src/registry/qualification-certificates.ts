import { firstIssuedField, licenceClassField, serviceAreaField } from './fields';
import { qualificationNumberFormat } from './number-formats';
import { personPortraitPhotoSpec } from './photo-spec';
import type { CertificateTypeDefinition, ValidityRule } from './types';

/** RE 从业资格证: held by a person, carries a portrait photo. */

/**
 * National rule (domain.md §4.4): valid 6 years, renew within 30 days before
 * expiry, 注销 after 180 days unrenewed; 诚信考核 every 12 months from first
 * issue.
 */
const QUALIFICATION_VALIDITY: ValidityRule = {
  kind: 'years',
  years: 6,
  renewalWindowDays: 30,
  lapseAfterDays: 180,
  reviewIntervalMonths: 12,
  provincialVariable: false,
};

/**
 * Assumed equal to the 从业资格证 rule; not in domain.md. Taxi drivers also
 * have a separate 注册 with their company, which this does not model.
 */
const TAXI_DRIVER_VALIDITY: ValidityRule = { ...QUALIFICATION_VALIDITY, provincialVariable: true };

const COMMON = { category: 'RE', holderKind: 'PERSON', photo: personPortraitPhotoSpec, plateRequired: false } as const;

/** Face fields per domain.md §4.2 (姓名, 证号, 有效期, 发证机关 are generic metadata). */
export const qualificationCertificate: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D071',
  typeCode: '11100000000019713D071',
  name: '道路运输从业人员从业资格证',
  shortName: '从业资格证',
  standard: 'JT/T 1290-2019',
  standardConfirmed: true,
  fields: [
    {
      key: 'qualificationCategories',
      label: '从业资格类别',
      kind: 'qualificationCategory',
      multiple: true,
      required: true,
    },
    // 装卸、押运 and other non-driving roles hold no driving licence.
    { ...licenceClassField, required: false },
    firstIssuedField,
    {
      key: 'sex',
      label: '性别',
      kind: 'code',
      codeList: 'sex',
      multiple: false,
      required: false,
      hint: '可由身份证号码推算',
    },
  ],
  validity: QUALIFICATION_VALIDITY,
  numberFormat: qualificationNumberFormat,
};

/** Standard "probably JT/T 1290" per domain.md §2 (UNCONFIRMED). */
export const cruisingTaxiDriverCertificate: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D075',
  typeCode: '11100000000019713D075',
  name: '巡游出租汽车驾驶员证',
  shortName: '巡游车驾驶员证',
  standard: 'JT/T 1290-2019',
  standardConfirmed: false,
  fields: [
    // 09001 出租汽车驾驶员 presumably predates the 巡游/网约 split; older certificates may carry it.
    {
      key: 'qualificationCategories',
      label: '从业资格类别',
      kind: 'qualificationCategory',
      multiple: true,
      required: true,
      allowedCodes: ['09001', '09002'],
    },
    licenceClassField,
    firstIssuedField,
    { key: 'serviceCompany', label: '服务单位', kind: 'text', required: false, maxLength: 100 },
    serviceAreaField,
  ],
  validity: TAXI_DRIVER_VALIDITY,
  numberFormat: qualificationNumberFormat,
};

/** Standard "probably JT/T 1290" per domain.md §2 (UNCONFIRMED). */
export const rideHailingDriverCertificate: CertificateTypeDefinition = {
  ...COMMON,
  code: 'D072',
  typeCode: '11100000000019713D072',
  name: '网络预约出租汽车驾驶员证',
  shortName: '网约车驾驶员证',
  standard: 'JT/T 1290-2019',
  standardConfirmed: false,
  fields: [
    {
      key: 'qualificationCategories',
      label: '从业资格类别',
      kind: 'qualificationCategory',
      multiple: true,
      required: true,
      allowedCodes: ['09001', '09003'],
    },
    licenceClassField,
    firstIssuedField,
    serviceAreaField,
  ],
  validity: TAXI_DRIVER_VALIDITY,
  numberFormat: qualificationNumberFormat,
};
