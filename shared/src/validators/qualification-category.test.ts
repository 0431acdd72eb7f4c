import { describe, expect, it } from 'vitest';
import {
  getQualificationCategory,
  qualificationCategories,
  validateQualificationCategory,
} from './qualification-category';

describe('qualification categories', () => {
  it('holds unique 5-digit codes in code order', () => {
    const codes = qualificationCategories.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^\d{5}$/.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
  });

  it('covers the ranges of JT/T 697.7 §5.22 as listed in domain.md §3', () => {
    const count = (group: string) => qualificationCategories.filter((c) => c.code.startsWith(group)).length;
    expect([count('01'), count('02'), count('03'), count('04'), count('05')]).toEqual([1, 1, 16, 7, 7]);
    expect([count('09'), count('11'), count('12'), count('13'), count('14')]).toEqual([3, 4, 11, 1, 3]);
  });

  it('names the hazardous-goods roles', () => {
    expect(getQualificationCategory('03001')?.name).toBe('道路危险货物运输驾驶员');
    expect(getQualificationCategory('03006')?.name).toBe('剧毒化学品道路运输装卸管理人员');
    expect(getQualificationCategory('03016')?.name).toBe('放射性物品道路运输专职安全管理人员');
    expect(getQualificationCategory('09003')).toMatchObject({ name: '网络预约出租汽车驾驶员', detailConfirmed: true });
    expect(getQualificationCategory('04003')).toMatchObject({ name: '机动车维修技术人员', detailConfirmed: false });
  });
});

describe('validateQualificationCategory', () => {
  it('accepts a known code', () => {
    expect(validateQualificationCategory(' 01001 ')).toMatchObject({
      ok: true,
      value: { code: '01001', name: '经营性道路旅客运输驾驶员' },
    });
  });

  it.each([
    ['', 'EMPTY'],
    ['0100', 'INVALID_FORMAT'],
    ['0100A', 'INVALID_FORMAT'],
    ['01002', 'UNKNOWN_CATEGORY'],
    ['03017', 'UNKNOWN_CATEGORY'],
    ['10001', 'UNKNOWN_CATEGORY'],
  ])('rejects %j with %s', (code, reason) => {
    expect(validateQualificationCategory(code)).toMatchObject({ ok: false, reason });
  });
});
