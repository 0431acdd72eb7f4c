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

/** The whole list (domain.md §3), so a changed name or group shows up here. */
describe('qualification category table', () => {
  const hazard = (first: number, goods: string) =>
    ['驾驶员', '装卸管理人员', '押运人员', '专职安全管理人员'].map((role, i) => [
      `030${String(first + i).padStart(2, '0')}`,
      `${goods}${role}`,
      '道路危险货物运输',
      true,
    ]);
  const groupOnly = (group: string, count: number, name: string) =>
    Array.from({ length: count }, (_, i) => [`${group}0${String(i + 1).padStart(2, '0')}`, name, name, false]);

  it('lists every code with its name, group and whether the name is confirmed', () => {
    expect(qualificationCategories.map((c) => [c.code, c.name, c.group, c.detailConfirmed])).toEqual([
      ['01001', '经营性道路旅客运输驾驶员', '道路旅客运输', true],
      ['02001', '经营性道路货物运输驾驶员', '道路货物运输', true],
      ...hazard(1, '道路危险货物运输'),
      ...hazard(5, '剧毒化学品道路运输'),
      ...hazard(9, '爆炸品道路运输'),
      ...hazard(13, '放射性物品道路运输'),
      ...groupOnly('04', 7, '机动车维修技术人员'),
      ...groupOnly('05', 7, '机动车驾驶培训教练员'),
      ['09001', '出租汽车驾驶员', '出租汽车', true],
      ['09002', '巡游出租汽车驾驶员', '出租汽车', true],
      ['09003', '网络预约出租汽车驾驶员', '出租汽车', true],
      ...groupOnly('11', 4, '道路运输经理人'),
      ...groupOnly('12', 11, '其他道路运输从业人员'),
      ['13001', '城市公共汽电车驾驶员', '城市公共交通', true],
      ...groupOnly('14', 3, '城市轨道交通从业人员'),
    ]);
  });

  it('finds every listed code, and takes exactly five digits', () => {
    for (const c of qualificationCategories) expect(getQualificationCategory(c.code)).toBe(c);
    expect(validateQualificationCategory('010011')).toMatchObject({ ok: false, reason: 'INVALID_FORMAT' });
    expect(validateQualificationCategory('X01001')).toMatchObject({ ok: false, reason: 'INVALID_FORMAT' });
  });
});
