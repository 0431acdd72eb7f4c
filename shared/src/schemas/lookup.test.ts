import { describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../validators/citizen-id';
import { checkLookupInput, lookupRequestSchema } from './lookup';

const id = (first17: string) => first17 + citizenIdCheckChar(first17);

describe('checkLookupInput', () => {
  it('accepts an ID-number 从业资格证号 with a correct check character, normalised (full-width, lower-case x)', () => {
    const number = id('44010519780101353');
    expect(checkLookupInput({ typeCode: 'D071', number: ` ${number.toLowerCase()} `, name: ' 王 强 ' })).toEqual({
      ok: true,
      number,
      name: '王强',
      plate: null,
      personal: true,
    });
    const fullWidth = number.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(checkLookupInput({ typeCode: 'D071', number: fullWidth, name: '王强' })).toMatchObject({ ok: true, number });
  });

  it('refuses a wrong check character and a malformed operator number with Chinese messages', () => {
    const number = id('44010519780101353');
    const wrong = number.slice(0, 17) + (number.endsWith('0') ? '1' : '0');
    const bad = checkLookupInput({ typeCode: 'D071', number: wrong, name: '王强' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fields.number).toMatch(/身份证号码/);
    const licence = checkLookupInput({ typeCode: 'D008', number: '许可证', name: '某公司' });
    if (licence.ok) throw new Error('expected a failure');
    expect(licence.fields.number).toContain('经营许可证证号格式不正确');
  });

  it('accepts printed and digits-only operator numbers; 运输证 need a valid plate', () => {
    expect(
      checkLookupInput({ typeCode: 'D008', number: '粤交运管许可穗字440100151081号', name: '广州顺达物流有限公司' }).ok,
    ).toBe(true);
    expect(checkLookupInput({ typeCode: 'D008', number: '440100151081', name: '广州顺达物流有限公司' }).ok).toBe(true);
    expect(checkLookupInput({ typeCode: 'D013', number: '440100165716', name: 'x' })).toEqual({
      ok: false,
      fields: { plate: '车辆证照请填写车牌号' },
    });
    expect(checkLookupInput({ typeCode: 'D013', number: '440100165716', name: 'x', plate: '粤a·3k7q2' })).toMatchObject(
      { ok: true, plate: '粤A3K7Q2' },
    );
    const badPlate = checkLookupInput({ typeCode: 'D013', number: '440100165716', name: 'x', plate: '京' });
    expect(badPlate.ok).toBe(false);
  });

  it('the request schema refuses unknown types and empty names', () => {
    expect(lookupRequestSchema.safeParse({ typeCode: 'X000', number: '1', name: 'a' }).success).toBe(false);
    expect(lookupRequestSchema.safeParse({ typeCode: 'D071', number: '1', name: '  ' }).success).toBe(false);
  });
});
