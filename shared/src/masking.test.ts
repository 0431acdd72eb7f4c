import { describe, expect, it } from 'vitest';
import { maskHolderName, maskIdNumber, maskPersonName, maskPhone } from './masking';

/** What the masks keep and hide, on every screen and in every response. */
describe('masking', () => {
  it('keeps the first 4 and last 4 characters of an ID number and stars the rest', () => {
    expect(maskIdNumber('44010519491231002X')).toBe('4401**********002X');
    expect(maskIdNumber('123456789')).toBe('1234*6789');
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('1')).toBe('*');
    expect(maskIdNumber('')).toBe('');
  });

  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('123456')).toBe('****56');
    expect(maskPhone('12345')).toBe('*****');
    // A 7-digit number must not come out whole (issue 12): 3 + 4 visible would be all of it.
    expect(maskPhone('1234567')).toBe('*****67');
    expect(maskPhone('0201234567')).toBe('********67');
    expect(maskPhone('+8613812341234')).toBe('+86*******1234');
    expect(maskPhone('')).toBe('');
  });

  it('keeps only the surname character of a person’s name, counting characters, not UTF-16 units', () => {
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('𠀀三')).toBe('𠀀*');
    expect(maskPersonName('张')).toBe('张');
    expect(maskPersonName('')).toBe('');
  });

  it('masks people, not operators (public register data)', () => {
    expect(maskHolderName('PERSON', '李四')).toBe('李*');
    expect(maskHolderName('OPERATOR', '广州市某某运输有限公司')).toBe('广州市某某运输有限公司');
  });
});
