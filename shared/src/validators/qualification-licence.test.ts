import { describe, expect, it } from 'vitest';
import {
  checkQualificationLicence,
  findQualificationLicenceRule,
  qualificationLicenceRules,
  type QualificationLicenceRule,
} from './qualification-licence';

const ON = '2025-06-01';

describe('findQualificationLicenceRule', () => {
  it('uses the longest matching prefix and returns null for roles without a licence rule', () => {
    expect(findQualificationLicenceRule('09003')?.minYearsHeld).toBe(3);
    expect(findQualificationLicenceRule('01001')?.acceptedClasses).toEqual(['A1', 'A3', 'B1']);
    expect(findQualificationLicenceRule('03002')).toBeNull();
    const rules = {
      ...qualificationLicenceRules,
      '0900': { label: 'x', acceptedClasses: ['A1'], match: 'exact', minYearsHeld: 0 },
    } as const;
    expect(findQualificationLicenceRule('09003', rules)?.label).toBe('x');
  });
});

describe('checkQualificationLicence', () => {
  it('accepts a 客运 driver with A1 held for over a year', () => {
    const result = checkQualificationLicence({
      category: '01001',
      licenceClasses: ['A1'],
      licenceFirstIssued: '2020-03-01',
      onDate: ON,
    });
    expect(result).toMatchObject({ ok: true, value: { yearsHeld: 5, rule: { label: '客运驾驶员' } } });
  });

  it('rejects a 客运 driver whose licence is under a year old', () => {
    const result = checkQualificationLicence({
      category: '01001',
      licenceClasses: ['B1'],
      licenceFirstIssued: '2024-06-02',
      onDate: ON,
    });
    expect(result).toMatchObject({ ok: false, reason: 'LICENCE_HELD_TOO_SHORT' });
    const exactlyOne = checkQualificationLicence({
      category: '01001',
      licenceClasses: ['B1'],
      licenceFirstIssued: '2024-06-01',
      onDate: ON,
    });
    expect(exactlyOne.ok).toBe(true);
  });

  it('rejects classes that cannot drive the vehicles of the category', () => {
    expect(checkQualificationLicence({ category: '01001', licenceClasses: ['B2'], onDate: ON })).toMatchObject({
      reason: 'LICENCE_CLASS_NOT_ACCEPTED',
    });
    expect(checkQualificationLicence({ category: '02001', licenceClasses: ['C1'], onDate: ON })).toMatchObject({
      reason: 'LICENCE_CLASS_NOT_ACCEPTED',
    });
    expect(
      checkQualificationLicence({
        category: '09002',
        licenceClasses: ['C2'],
        licenceFirstIssued: '2010-01-01',
        onDate: ON,
      }),
    ).toMatchObject({
      reason: 'LICENCE_CLASS_NOT_ACCEPTED',
    });
  });

  it('counts higher classes that may drive an accepted class', () => {
    expect(checkQualificationLicence({ category: '02001', licenceClasses: ['A1'], onDate: ON }).ok).toBe(true);
    expect(checkQualificationLicence({ category: '03001', licenceClasses: ['A2D'], onDate: ON }).ok).toBe(true);
    // A2 may drive B1 (中型客车), so it satisfies the 客运 rule under 'covers'.
    expect(
      checkQualificationLicence({
        category: '01001',
        licenceClasses: ['A2'],
        licenceFirstIssued: '2020-01-01',
        onDate: ON,
      }).ok,
    ).toBe(true);
    expect(
      checkQualificationLicence({
        category: '09003',
        licenceClasses: ['B2'],
        licenceFirstIssued: '2020-01-01',
        onDate: ON,
      }).ok,
    ).toBe(true);
  });

  it('honours an exact-match rule table passed in', () => {
    const exact: Record<string, QualificationLicenceRule> = {
      '02001': { label: '货运驾驶员', acceptedClasses: ['A2', 'B2'], match: 'exact', minYearsHeld: 0 },
    };
    expect(checkQualificationLicence({ category: '02001', licenceClasses: ['A1'], onDate: ON }, exact).ok).toBe(false);
    expect(checkQualificationLicence({ category: '02001', licenceClasses: ['B2'], onDate: ON }, exact).ok).toBe(true);
  });

  it('requires three years for 出租/网约车 drivers', () => {
    const base = { category: '09003', licenceClasses: ['C1'], onDate: ON };
    expect(checkQualificationLicence({ ...base, licenceFirstIssued: '2022-06-02' })).toMatchObject({
      reason: 'LICENCE_HELD_TOO_SHORT',
    });
    expect(checkQualificationLicence({ ...base, licenceFirstIssued: '2022-06-01' })).toMatchObject({
      ok: true,
      value: { yearsHeld: 3 },
    });
  });

  it('warns when the first-issue date is missing but years are required', () => {
    expect(checkQualificationLicence({ category: '09001', licenceClasses: ['C1'], onDate: ON })).toMatchObject({
      ok: true,
      warnings: [expect.any(String)],
    });
  });

  it('needs no licence for roles such as 押运人员', () => {
    expect(checkQualificationLicence({ category: '03003', licenceClasses: [], onDate: ON })).toMatchObject({
      ok: true,
      value: { rule: null },
    });
  });

  it.each([
    [{ category: '99999', licenceClasses: ['A1'], onDate: ON }, 'UNKNOWN_CATEGORY'],
    [{ category: '01001', licenceClasses: ['A1'], onDate: '2025-02-30' }, 'INVALID_DATE'],
    [{ category: '01001', licenceClasses: ['A1'], licenceFirstIssued: '2026-01-01', onDate: ON }, 'INVALID_DATE'],
    [{ category: '02001', licenceClasses: [], onDate: ON }, 'LICENCE_MISSING'],
    [{ category: '02001', licenceClasses: ['B2', 'Z9'], onDate: ON }, 'INVALID_LICENCE_CLASS'],
  ])('rejects %j with %s', (input, reason) => {
    expect(checkQualificationLicence(input)).toMatchObject({ ok: false, reason });
  });
});

/** The default rule table (domain.md §7.2–7.3) and the check's edges, stated (issue 12). */
describe('qualification licence rules', () => {
  it('holds the derived rules: 客运 A1/A3/B1 ≥1 year, 货运 and the 危货 drivers A2/B2, 出租 C1 ≥3 years', () => {
    const hazardous = { label: '危险货物运输驾驶员', acceptedClasses: ['A2', 'B2'], match: 'covers', minYearsHeld: 0 };
    expect(qualificationLicenceRules).toEqual({
      '01001': { label: '客运驾驶员', acceptedClasses: ['A1', 'A3', 'B1'], match: 'covers', minYearsHeld: 1 },
      '02001': { label: '货运驾驶员', acceptedClasses: ['A2', 'B2'], match: 'covers', minYearsHeld: 0 },
      '03001': hazardous,
      '03005': hazardous,
      '03009': hazardous,
      '03013': hazardous,
      '09': { label: '出租汽车驾驶员', acceptedClasses: ['C1'], match: 'covers', minYearsHeld: 3 },
    });
  });

  it('lets a 危货 driver of each special group drive with B2 or A2, not with C1', () => {
    for (const category of ['03001', '03005', '03009', '03013']) {
      expect(checkQualificationLicence({ category, licenceClasses: ['B2'], onDate: ON }).ok).toBe(true);
      expect(checkQualificationLicence({ category, licenceClasses: ['A2'], onDate: ON }).ok).toBe(true);
      expect(checkQualificationLicence({ category, licenceClasses: ['C1'], onDate: ON })).toMatchObject({
        reason: 'LICENCE_CLASS_NOT_ACCEPTED',
      });
    }
  });

  it('returns null, not undefined, when no prefix matches', () => {
    expect(findQualificationLicenceRule('04001')).toBeNull();
    expect(findQualificationLicenceRule('01001', {})).toBeNull();
  });

  it('needs no first-issue date, and gives no warning, when the rule asks for no years', () => {
    const result = checkQualificationLicence({ category: '02001', licenceClasses: ['B2'], onDate: ON });
    expect(result).toEqual({
      ok: true,
      value: { category: expect.objectContaining({ code: '02001' }), rule: qualificationLicenceRules['02001'] },
    });
  });

  it('warns, with the category and rule, when years are required but the first-issue date is missing', () => {
    const result = checkQualificationLicence({ category: '01001', licenceClasses: ['A1'], onDate: ON });
    expect(result).toEqual({
      ok: true,
      value: { category: expect.objectContaining({ code: '01001' }), rule: qualificationLicenceRules['01001'] },
      warnings: [expect.stringContaining('1年')],
    });
  });

  it('counts a licence first issued on the check day as held 0 years (too short), not as a bad date', () => {
    const input = { category: '01001', licenceClasses: ['A1'], licenceFirstIssued: ON, onDate: ON };
    expect(checkQualificationLicence(input)).toMatchObject({ ok: false, reason: 'LICENCE_HELD_TOO_SHORT' });
    const bad = { ...input, licenceFirstIssued: '2024-02-30' };
    expect(checkQualificationLicence(bad)).toMatchObject({ ok: false, reason: 'INVALID_DATE' });
  });

  it('rejects any unreadable held entry, even next to a good one', () => {
    const input = { category: '02001', licenceClasses: ['Z9', 'B2'], onDate: ON };
    expect(checkQualificationLicence(input)).toMatchObject({ ok: false, reason: 'INVALID_LICENCE_CLASS' });
  });
});
