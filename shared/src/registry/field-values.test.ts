import { describe, expect, it } from 'vitest';
import { certificateTypeByCode } from './certificate-types';
import {
  checkCertificateExtension,
  checkFieldValue,
  fieldValueFromForm,
  fieldValueToForm,
  missingFieldMessage,
} from './field-values';
import type { CertificateFieldDefinition } from './types';

const field = (code: keyof typeof certificateTypeByCode, key: string): CertificateFieldDefinition => {
  const found = certificateTypeByCode[code].fields.find((f) => f.key === key);
  if (!found) throw new Error(`${code} has no field ${key}`);
  return found;
};

describe('field values: certificate shape ↔ form shape', () => {
  it('joins multiple-choice arrays for the form and splits them back, normalised', () => {
    const categories = field('D071', 'qualificationCategories');
    expect(fieldValueToForm(categories, ['02001', '01001'])).toBe('02001,01001');
    expect(fieldValueFromForm(categories, ' 02001、０１００１ ')).toEqual(['02001', '01001']);
    const licence = field('D071', 'licenceClasses');
    expect(fieldValueToForm(licence, 'A2')).toBe('A2');
    expect(fieldValueFromForm(licence, ' A2 ')).toBe('A2');
    expect(fieldValueFromForm(licence, ' a２ ')).toBe('A2');
    expect(fieldValueFromForm(field('D071', 'firstIssuedDate'), ' 2010-01-02 ')).toBe('2010-01-02');
    expect(fieldValueToForm(licence, { nested: true })).toBeNull();
  });
});

describe('checkFieldValue', () => {
  it('checks bundled code lists by value, the type’s allowed codes, and unbundled lists by format', () => {
    expect(checkFieldValue(field('D013', 'plateColour'), '2')).toBeNull();
    expect(checkFieldValue(field('D013', 'plateColour'), '8')).toBe('车牌颜色代码“8”不在车牌颜色代码表中');
    expect(checkFieldValue(field('D013', 'businessScope'), ['021', '022'])).toBeNull();
    expect(checkFieldValue(field('D013', 'businessScope'), '021,999')).toContain('“999”不在经营范围代码表中');
    expect(checkFieldValue(field('D016', 'businessScope'), ['021'])).toBe('经营范围“021”不适用于该证照');
    expect(checkFieldValue(field('D013', 'vehicleType'), 'H11')).toBeNull();
    expect(checkFieldValue(field('D013', 'vehicleType'), '重型货车')).toContain('格式不正确');
    expect(checkFieldValue(field('D008', 'economicType'), '159')).toBeNull();
    expect(checkFieldValue(field('D008', 'economicType'), '15')).toContain('3位数字');
  });

  it('checks 从业资格类别 codes and the type’s allowed categories, in both shapes', () => {
    expect(checkFieldValue(field('D071', 'qualificationCategories'), ['02001'])).toBeNull();
    expect(checkFieldValue(field('D071', 'qualificationCategories'), '02001,99999')).toContain(
      '不在JT/T 697.7规定的范围内',
    );
    expect(checkFieldValue(field('D072', 'qualificationCategories'), '02001')).toBe(
      '从业资格类别“02001”不适用于该证照',
    );
  });

  it('refuses arrays for single-value fields and non-strings', () => {
    expect(checkFieldValue(field('D071', 'licenceClasses'), ['A2'])).toBe('准驾车型格式不正确');
    expect(checkFieldValue(field('D071', 'firstIssuedDate'), 20090520)).toBe('初领日期格式不正确');
    expect(checkFieldValue(field('D071', 'firstIssuedDate'), '2009-02-30')).toBe('初领日期应为有效日期（YYYY-MM-DD）');
    expect(checkFieldValue(field('D013', 'dimensions'), 'x'.repeat(41))).toBe('车辆尺寸不能超过40个字');
  });

  it('says 选择 for pick-lists and 填写 for typed fields', () => {
    expect(missingFieldMessage(field('D071', 'qualificationCategories'))).toBe('请选择从业资格类别');
    expect(missingFieldMessage(field('D071', 'firstIssuedDate'))).toBe('请填写初领日期');
  });
});

describe('checkCertificateExtension', () => {
  it('names undeclared keys and bad values; missing required fields are not its business', () => {
    expect(checkCertificateExtension('D071', { qualificationCategories: ['02001'] })).toEqual({});
    expect(
      checkCertificateExtension('D071', {
        qualificationCategory: '02001',
        licenceFirstIssuedOn: '2009-05-20',
        licenceClasses: 'Z9',
      }),
    ).toEqual({
      qualificationCategory: '“qualificationCategory”不是从业资格证的字段',
      licenceFirstIssuedOn: '“licenceFirstIssuedOn”不是从业资格证的字段',
      licenceClasses: expect.stringContaining('无法识别'),
    });
    expect(checkCertificateExtension('D999', {})).toHaveProperty('typeCode');
  });
});
