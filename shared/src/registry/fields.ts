import type { CertificateFieldDefinition } from './types';

/**
 * Field definitions shared by several certificate types, so a label or code
 * list is changed in one place. Keys are camelCase `extendInfo` keys.
 */

export const addressField: CertificateFieldDefinition = {
  key: 'address',
  label: '地址',
  kind: 'text',
  required: true,
  maxLength: 200,
};

export const economicTypeField: CertificateFieldDefinition = {
  key: 'economicType',
  label: '经济类型',
  kind: 'code',
  codeList: 'economicType',
  multiple: false,
  required: true,
};

export const legalRepresentativeField: CertificateFieldDefinition = {
  key: 'legalRepresentative',
  label: '法定代表人',
  kind: 'text',
  required: true,
  maxLength: 50,
};

export const branchFlagField: CertificateFieldDefinition = {
  key: 'branchFlag',
  label: '分支机构标识',
  kind: 'code',
  codeList: 'branchFlag',
  multiple: false,
  required: false,
};

/** 经营区域 of taxi and ride-hailing certificates. */
export const serviceAreaField: CertificateFieldDefinition = {
  key: 'serviceArea',
  label: '经营区域',
  kind: 'text',
  required: false,
  maxLength: 100,
};

export const firstIssuedField: CertificateFieldDefinition = {
  key: 'firstIssuedDate',
  label: '初领日期',
  kind: 'date',
  required: true,
};

export const plateNumberField: CertificateFieldDefinition = {
  key: 'plateNumber',
  label: '车辆号牌',
  kind: 'plate',
  required: true,
};

/** Stored with the number because one number can exist in several colours (domain.md §8). */
export const plateColourField: CertificateFieldDefinition = {
  key: 'plateColour',
  label: '车牌颜色',
  kind: 'code',
  codeList: 'plateColour',
  multiple: false,
  required: true,
};

export const licenceClassField: CertificateFieldDefinition = {
  key: 'licenceClasses',
  label: '准驾车型',
  kind: 'licenceClass',
  required: true,
};
