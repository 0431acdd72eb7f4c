import { describe, expect, it } from 'vitest';
import { areaProvinceNames, validateAreaCode } from './area-code';

describe('validateAreaCode', () => {
  it('knows the 34 province-level prefixes', () => {
    expect(Object.keys(areaProvinceNames)).toHaveLength(34);
    expect(areaProvinceNames['44']).toBe('广东省');
  });

  it.each([
    ['440000', 'PROVINCE'],
    ['440100', 'CITY'],
    ['440106', 'COUNTY'],
    ['419001', 'COUNTY'],
  ])('accepts %s at %s level', (code, level) => {
    expect(validateAreaCode(code)).toMatchObject({ ok: true, value: { code, level } });
  });

  it('names the province and normalises full-width digits', () => {
    expect(validateAreaCode('１１０１０５')).toMatchObject({
      ok: true,
      value: { code: '110105', provincePrefix: '11', provinceName: '北京市' },
    });
  });

  it.each([
    ['', 'EMPTY'],
    ['44010', 'INVALID_FORMAT'],
    ['4401061', 'INVALID_FORMAT'],
    ['44A106', 'INVALID_FORMAT'],
    ['100000', 'UNKNOWN_PROVINCE'],
    ['830000', 'UNKNOWN_PROVINCE'],
    ['990000', 'UNKNOWN_PROVINCE'],
  ])('rejects %j with %s', (code, reason) => {
    expect(validateAreaCode(code)).toMatchObject({ ok: false, reason });
  });
});
