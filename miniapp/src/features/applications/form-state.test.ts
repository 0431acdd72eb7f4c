import { describe, expect, it } from 'vitest';
import {
  displayValue,
  fieldLabel,
  fieldMode,
  formFieldsFor,
  initialValues,
  placeErrors,
  prefillRows,
  problemsBefore,
  shownFields,
  toFormData,
  validateForm,
} from './form-state';

/** What the server prefills for 张伟's paper 从业资格证 (registry keys, 信息免填报). */
const prefilled = {
  holderName: '张伟',
  idNumberMasked: '4401**********4518',
  baseNumberMasked: '4401**********4518',
  baseIssuingAuthority: '广州市交通运输局',
  qualificationCategories: '02001',
  licenceClasses: 'A2',
  firstIssuedDate: '2009-05-20',
};

describe('form fields', () => {
  it('takes the fields the registry declares for the type, and adds the 补发 statement only for 补发', () => {
    const conversion = formFieldsFor('D071', 'CONVERSION');
    expect(conversion.map((field) => field.key)).toEqual([
      'qualificationCategories',
      'licenceClasses',
      'firstIssuedDate',
      'sex',
    ]);
    expect(conversion.find((field) => field.key === 'sex')?.editable).toBe(false); // a code list: no picker yet
    const reissue = formFieldsFor('D071', 'REISSUE');
    expect(reissue.at(-1)).toMatchObject({ key: 'lossStatement', step: 'materials', multiline: true, required: true });
  });

  it('lists the prefilled facts in reading order, leaving out what the server did not fill', () => {
    expect(prefillRows(prefilled).map((row) => row.label)).toEqual(['姓名', '身份证号', '原证号', '原发证机关']);
    expect(prefillRows({ holderName: '张伟' })).toEqual([{ key: 'holderName', label: '姓名', value: '张伟' }]);
  });

  it('reads codes with their names', () => {
    expect(displayValue('D071', 'qualificationCategories', '02001')).toBe('02001 经营性道路货物运输驾驶员');
    expect(displayValue('D071', 'qualificationCategories', '02001,01001')).toBe(
      '02001 经营性道路货物运输驾驶员、01001 经营性道路旅客运输驾驶员',
    );
    expect(displayValue('D071', 'sex', '1')).toBe('1 男');
    expect(displayValue('D071', 'licenceClasses', '')).toBe('未填写');
  });

  it('leaves out an empty optional value the form cannot edit (性别 of a paper certificate), keeps it once filled', () => {
    const fields = formFieldsFor('D071', 'CONVERSION');
    expect(shownFields(fields, initialValues(fields, prefilled)).map((field) => field.key)).toEqual([
      'qualificationCategories',
      'licenceClasses',
      'firstIssuedDate',
    ]);
    expect(shownFields(fields, { ...initialValues(fields, prefilled), sex: '1' }).map((field) => field.key)).toContain(
      'sex',
    );
  });

  it('shows a prefilled value for confirmation, an empty, opened or wrong one as an input, a code value fixed', () => {
    const [category] = formFieldsFor('D071', 'CONVERSION');
    expect(fieldMode(category!, '02001', false, undefined)).toBe('confirm');
    expect(fieldMode(category!, '02001', true, undefined)).toBe('input');
    expect(fieldMode(category!, '  ', false, undefined)).toBe('input');
    expect(fieldMode(category!, '02001', false, '从业资格类别不适用于该证照')).toBe('input');
    expect(fieldMode({ editable: false }, '', false, undefined)).toBe('fixed');
  });
});

describe('validation (the shared validators the server runs on submit)', () => {
  const fields = formFieldsFor('D071', 'REISSUE');

  it('passes the prefilled form once the statement is written', () => {
    const values = { ...initialValues(fields, prefilled), lossStatement: '2026年11月在广州遗失' };
    expect(validateForm('D071', fields, values)).toEqual({});
  });

  it('names each wrong or missing field in Chinese', () => {
    const values = {
      ...initialValues(fields, prefilled),
      licenceClasses: 'Z9',
      firstIssuedDate: '2009-13-01',
      qualificationCategories: '',
    };
    const problems = validateForm('D071', fields, values);
    expect(Object.keys(problems).sort()).toEqual([
      'firstIssuedDate',
      'licenceClasses',
      'lossStatement',
      'qualificationCategories',
    ]);
    expect(problems.lossStatement).toBe('请填写遗失或损毁情况说明');
    expect(problems.firstIssuedDate).toContain('日期');
  });

  it('stops moving forward only at problems on the steps before the target', () => {
    const problems = {
      licenceClasses: '准驾车型不正确',
      lossStatement: '请填写遗失或损毁情况说明',
      photoId: '请上传证件照',
      baseNumberMasked: '原证号不一致',
    };
    expect(Object.keys(problemsBefore(problems, fields, 'materials'))).toEqual(['licenceClasses']);
    expect(Object.keys(problemsBefore(problems, fields, 'review')).sort()).toEqual([
      'licenceClasses',
      'lossStatement',
      'photoId',
    ]);
  });
});

describe('saving the form', () => {
  it('keeps what the server filled in and writes the edited values over it, empty as null, trimmed', () => {
    const fields = formFieldsFor('D071', 'CONVERSION');
    const values = { ...initialValues(fields, prefilled), licenceClasses: ' A2,B2 ', firstIssuedDate: '' };
    const saved = toFormData({ ...prefilled, sex: '1', nested: { no: true } }, fields, values);
    expect(saved).toMatchObject({
      holderName: '张伟',
      baseNumberMasked: '4401**********4518',
      licenceClasses: 'A2,B2',
      firstIssuedDate: null,
      sex: '1',
    });
    expect(saved).not.toHaveProperty('nested');
  });
});

describe('placing errors from VALIDATION_FAILED', () => {
  const fields = formFieldsFor('D071', 'REISSUE');

  it('puts field errors next to their fields, the photo on the photo card, the rest in a list, and opens the earliest step', () => {
    const placed = placeErrors(
      {
        lossStatement: '请填写遗失或损毁情况说明',
        photoId: '请上传近期免冠白底证件照',
        baseNumberMasked: '与档案不符',
      },
      fields,
      true,
    );
    expect(placed.byField).toEqual({ lossStatement: '请填写遗失或损毁情况说明', photo: '请上传近期免冠白底证件照' });
    expect(placed.other).toEqual(['原证号：与档案不符']);
    expect(placed.step).toBe('materials');
    expect(
      placeErrors({ firstIssuedDate: '初领日期应为有效日期（YYYY-MM-DD）', photoId: 'x' }, fields, true).step,
    ).toBe('confirm');
  });

  it('lists errors on fields the holder cannot edit (a code value) with their label', () => {
    const placed = placeErrors({ sex: '性别代码“9”不在性别代码表中' }, fields, true);
    expect(placed.byField).toEqual({});
    expect(placed.other).toEqual(['性别：性别代码“9”不在性别代码表中']);
    expect(placed.step).toBe('review');
  });

  it('has nothing to place without errors', () => {
    expect(placeErrors(undefined, fields, true)).toEqual({ byField: {}, other: [], step: null });
  });

  it('labels any key a reviewer may return', () => {
    expect(fieldLabel('D071', 'CONVERSION', 'licenceClasses')).toBe('准驾车型');
    expect(fieldLabel('D071', 'CONVERSION', 'photoId')).toBe('证件照');
    expect(fieldLabel('D071', 'CONVERSION', 'holderName')).toBe('姓名');
    expect(fieldLabel('D071', 'CONVERSION', 'somethingElse')).toBe('somethingElse');
  });
});
