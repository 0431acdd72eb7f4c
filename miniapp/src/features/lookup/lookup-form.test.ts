import { describe, expect, it } from 'vitest';
import { emptyLookupForm, lookupTypeOption, lookupTypeOptions, validateLookupForm } from './lookup-form';

describe('lookup form', () => {
  it('offers 从业资格证 first and asks for a plate only for vehicle certificates', () => {
    expect(lookupTypeOptions.map((option) => option.code).slice(0, 3)).toEqual(['D071', 'D013', 'D008']);
    expect(lookupTypeOptions).toHaveLength(9);
    expect(lookupTypeOption('D013').plateRequired).toBe(true);
    expect(lookupTypeOption('D073').plateRequired).toBe(true);
    expect(lookupTypeOption('D071').plateRequired).toBe(false);
    expect(lookupTypeOption('D008').namePlaceholder).toContain('业户名称');
  });

  it('says which fields are missing, in the server’s words', () => {
    const checked = validateLookupForm(emptyLookupForm);
    expect(checked).toEqual({ ok: false, fields: { number: '请输入证号', name: '请输入持证人姓名或业户名称' } });
  });

  it('checks the number against the type’s format', () => {
    const checked = validateLookupForm({ ...emptyLookupForm, number: '12-34', name: '张伟' });
    expect(checked).toEqual({ ok: false, fields: { number: '从业资格证证号格式不正确，通常与身份证号码相同' } });
    // An 18-character number on a person's certificate is an ID number: its check digit counts.
    const typo = validateLookupForm({ ...emptyLookupForm, number: '440105197801013530', name: '王强' });
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.fields.number).toContain('有效号码');
  });

  it('checks the plate of a vehicle certificate with the plate rules', () => {
    const form = {
      typeCode: 'D013' as const,
      number: '粤交运管穗字440100165715号',
      name: '广州顺达物流有限公司',
      plate: '',
    };
    expect(validateLookupForm(form)).toEqual({ ok: false, fields: { plate: '车辆证照请填写车牌号' } });
    const bad = validateLookupForm({ ...form, plate: '粤AI2345' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fields.plate).toContain('字母I和O');
  });

  it('sends the number and plate normalised (half-width, upper case), and no plate for other types', () => {
    expect(
      validateLookupForm({ ...emptyLookupForm, number: ' 440105197801013532 ', name: ' 王强 ', plate: '粤A12345' }),
    ).toEqual({
      ok: true,
      value: { typeCode: 'D071', number: '440105197801013532', name: '王强', plate: undefined },
    });
    const vehicle = validateLookupForm({
      typeCode: 'D013',
      number: '４４０１００１６５７１５',
      name: '广州顺达物流有限公司',
      plate: '粤a·3k7q2',
    });
    expect(vehicle).toEqual({
      ok: true,
      value: { typeCode: 'D013', number: '440100165715', name: '广州顺达物流有限公司', plate: '粤A3K7Q2' },
    });
  });
});
