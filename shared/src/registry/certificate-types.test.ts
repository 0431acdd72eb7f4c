import { describe, expect, it } from 'vitest';
import { holderKinds } from '../domain/codes';
import { validateSocialCreditCode } from '../validators/social-credit-code';
import { codeLists } from './code-lists';
import { certificateTypeByCode, certificateTypes, getCertificateType } from './certificate-types';
import { MOT_CREDIT_CODE, certificateTypeCodeSchema, certificateTypeCodes, isCertificateTypeCode } from './type-codes';

describe('certificate type registry', () => {
  it('holds the nine types in the order of certificateTypeCodes', () => {
    expect(certificateTypes.map((t) => t.code)).toEqual([...certificateTypeCodes]);
  });

  it('uses unique suffixes, full codes and names', () => {
    for (const key of ['code', 'typeCode', 'name', 'shortName'] as const) {
      expect(new Set(certificateTypes.map((t) => t[key])).size).toBe(certificateTypes.length);
    }
  });

  it.each(certificateTypes.map((t) => [t.code, t] as const))(
    '%s has a well-formed ministry type code',
    (_code, type) => {
      expect(type.typeCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/);
      expect(validateSocialCreditCode(type.typeCode.slice(0, 18))).toEqual({ ok: true, value: MOT_CREDIT_CODE });
      expect(type.typeCode.endsWith(type.code)).toBe(true);
    },
  );

  it.each(certificateTypes.map((t) => [t.code, t] as const))('%s has consistent fields', (_code, type) => {
    expect(type.fields.length).toBeGreaterThan(0);
    const keys = type.fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const field of type.fields) {
      expect(field.label).toMatch(/[\u4e00-\u9fa5]/);
      if (field.kind === 'code') expect(codeLists[field.codeList]).toBeDefined();
      if (field.kind === 'code' && field.allowedCodes !== undefined && codeLists[field.codeList].values !== null) {
        for (const allowed of field.allowedCodes) expect(codeLists[field.codeList].values).toHaveProperty(allowed);
      }
    }
  });

  it.each(certificateTypes.map((t) => [t.code, t] as const))(
    '%s matches category, holder, photo and plate rules',
    (_code, type) => {
      expect(Object.keys(holderKinds)).toContain(type.holderKind);
      expect(type.holderKind === 'PERSON').toBe(type.category === 'RE');
      expect(type.photo !== null).toBe(type.holderKind === 'PERSON');
      expect(type.plateRequired).toBe(type.category === 'RB');
      if (type.plateRequired) expect(type.fields.some((f) => f.kind === 'plate' && f.required)).toBe(true);
      expect(type.validity.years).toBeGreaterThan(0);
    },
  );

  it.each(certificateTypes.map((t) => [t.code, t] as const))(
    '%s number format accepts its own examples',
    (_code, type) => {
      for (const example of type.numberFormat.examples) expect(example).toMatch(type.numberFormat.pattern);
      expect('<script>').not.toMatch(type.numberFormat.pattern);
    },
  );

  it('gives person certificates a white-background JPEG portrait spec', () => {
    const persons = certificateTypes.filter((t) => t.holderKind === 'PERSON');
    expect(persons.map((t) => t.code)).toEqual(['D071', 'D075', 'D072']);
    for (const type of persons)
      expect(type.photo).toMatchObject({ widthPx: 358, heightPx: 441, background: 'WHITE', mimeType: 'image/jpeg' });
  });

  it('models the national 从业资格证 validity rule', () => {
    expect(certificateTypeByCode.D071.validity).toMatchObject({
      years: 6,
      renewalWindowDays: 30,
      lapseAfterDays: 180,
      provincialVariable: false,
    });
    expect(certificateTypeByCode.D013.validity).toMatchObject({ reviewIntervalMonths: 12, provincialVariable: true });
  });

  it('has the face fields the brief lists for D071, D013 and D008', () => {
    const keys = (code: string) => getCertificateType(code)?.fields.map((f) => f.label);
    expect(keys('D071')).toEqual(expect.arrayContaining(['从业资格类别', '准驾车型', '初领日期']));
    expect(keys('D013')).toEqual(
      expect.arrayContaining(['车辆号牌', '车牌颜色', '经营许可证号', '车辆类型', '吨(座)位', '车辆尺寸', '经营范围']),
    );
    expect(keys('D008')).toEqual(expect.arrayContaining(['经营范围', '地址', '经济类型', '法定代表人']));
  });
});

describe('certificate type lookup', () => {
  it('finds a type by suffix or full code, ignoring case and spaces', () => {
    expect(getCertificateType('D071')?.name).toBe('道路运输从业人员从业资格证');
    expect(getCertificateType('11100000000019713D071')?.code).toBe('D071');
    expect(getCertificateType(' d013 ')?.code).toBe('D013');
    expect(certificateTypeByCode.D074.code).toBe('D074');
  });

  it('returns undefined for unknown codes', () => {
    expect(getCertificateType('D999')).toBeUndefined();
    expect(getCertificateType('11100000000013338W071')).toBeUndefined();
    expect(getCertificateType('')).toBeUndefined();
  });

  it('exposes a zod enum and a type guard over the suffixes', () => {
    expect(certificateTypeCodeSchema.parse('D072')).toBe('D072');
    expect(certificateTypeCodeSchema.safeParse('11100000000019713D072').success).toBe(false);
    expect(certificateTypeCodeSchema.options).toEqual([...certificateTypeCodes]);
    expect(isCertificateTypeCode('D008')).toBe(true);
    expect(isCertificateTypeCode('d008')).toBe(false);
  });
});
