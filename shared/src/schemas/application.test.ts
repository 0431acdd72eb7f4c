import { describe, expect, it } from 'vitest';
import { returnApplicationRequestSchema, submitApplicationRequestSchema, validateApplicationForm } from './application';

describe('request schemas', () => {
  it('needs at least one return reason and a sane idempotency key', () => {
    expect(returnApplicationRequestSchema.safeParse({ reasons: {} }).success).toBe(false);
    expect(returnApplicationRequestSchema.safeParse({ reasons: { licenceClasses: '请更正' } }).success).toBe(true);
    expect(submitApplicationRequestSchema.safeParse({ idempotencyKey: 'short' }).success).toBe(false);
    expect(
      submitApplicationRequestSchema.safeParse({ idempotencyKey: '0b6f7c1e-7a4e-4c1a-9a55-2f1f0b1d2c3e' }).success,
    ).toBe(true);
  });
});

describe('validateApplicationForm', () => {
  const complete = {
    holderName: '张伟',
    qualificationCategories: '02001',
    licenceClasses: 'A2',
    firstIssuedDate: '2009-05-20',
  };

  it('passes a complete form and leaves undeclared keys alone', () => {
    expect(validateApplicationForm('D071', complete)).toEqual({});
    expect(validateApplicationForm('D071', { ...complete, licenceClasses: '', sex: null })).toEqual({}); // both optional for D071
  });

  it('names every required field left empty, in Chinese', () => {
    expect(validateApplicationForm('D071', { holderName: '张伟', firstIssuedDate: ' ' })).toEqual({
      qualificationCategories: '请选择从业资格类别',
      firstIssuedDate: '请填写初领日期',
    });
    const d013 = validateApplicationForm('D013', { plateNumber: '粤A3K7Q2' });
    expect(Object.keys(d013).sort()).toEqual([
      'businessScope',
      'capacity',
      'dimensions',
      'operatingLicenceNumber',
      'plateColour',
      'vehicleType',
    ]);
    expect(d013.plateColour).toBe('请选择车牌颜色');
  });

  it('checks filled values with the shared validators, code lists included', () => {
    expect(
      Object.keys(
        validateApplicationForm('D071', {
          licenceClasses: 'Z9',
          firstIssuedDate: '2009-02-30',
          qualificationCategories: 'xx',
        }),
      ).sort(),
    ).toEqual(['firstIssuedDate', 'licenceClasses', 'qualificationCategories']);
    expect(validateApplicationForm('D071', { ...complete, licenceClasses: 3 })).toEqual({
      licenceClasses: '准驾车型格式不正确',
    });
    expect(validateApplicationForm('D071', { ...complete, sex: '3' })).toEqual({ sex: '性别代码“3”不在性别代码表中' });
    expect(validateApplicationForm('D072', { ...complete, qualificationCategories: '09003,02001' })).toEqual({
      qualificationCategories: '从业资格类别“02001”不适用于该证照',
    });
    const vehicle = {
      plateNumber: '粤A3K7Q2',
      plateColour: '2',
      operatingLicenceNumber: '粤交运管许可穗字440100151081号',
      vehicleType: 'H11',
      capacity: '18吨',
      dimensions: '11980×2550×3980',
      businessScope: '021,022',
    };
    expect(validateApplicationForm('D013', vehicle)).toEqual({});
    expect(validateApplicationForm('D013', { ...vehicle, plateColour: '6', businessScope: '021,777' })).toEqual({
      plateColour: '车牌颜色代码“6”不在车牌颜色代码表中',
      businessScope: '经营范围代码“777”不在经营范围代码表中',
    });
  });
});
