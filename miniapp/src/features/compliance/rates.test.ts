import { describe, expect, it } from 'vitest';
import {
  carrierLabel,
  emptyDashboardFilter,
  failingQuery,
  formatCount,
  formatRate,
  isDataSteward,
  pageCount,
  rateTone,
  ratesQuery,
  targetGap,
} from './rates';

describe('formatRate', () => {
  it('writes a 0..1 rate as a percentage, and a dash for no certificates', () => {
    expect(formatRate(0.96344)).toBe('96.3%');
    expect(formatRate(0.95, 0)).toBe('95%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('rateTone and targetGap', () => {
  it('reads the rate against the target', () => {
    expect(rateTone(0.96, 0.95)).toBe('ok');
    expect(rateTone(0.95, 0.95)).toBe('ok');
    expect(rateTone(0.91, 0.95)).toBe('near');
    expect(rateTone(0.8, 0.95)).toBe('low');
    expect(rateTone(null, 0.95)).toBe('none');
  });

  it('says how far the rate is from the target', () => {
    expect(targetGap(0.97, 0.95)).toBe('已达到 95% 的目标');
    expect(targetGap(0.938, 0.95)).toBe('距 95% 的目标还差 1.2 个百分点');
    expect(targetGap(null, 0.95)).toBe('暂无在用证照');
  });
});

describe('formatCount and pageCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12)).toBe('12');
  });

  it('counts at least one page', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});

describe('queries', () => {
  it('sends only the filters that are set; the rule and page go to the drill-down only', () => {
    expect(ratesQuery(emptyDashboardFilter)).toEqual({});
    const filter = { typeCode: 'D071' as const, carrier: 'PAPER' as const, ruleId: 'person.licence-class-missing' };
    expect(ratesQuery(filter)).toEqual({ typeCode: 'D071', carrier: 'PAPER' });
    expect(failingQuery(filter, 2)).toEqual({
      typeCode: 'D071',
      carrier: 'PAPER',
      ruleId: 'person.licence-class-missing',
      page: '2',
    });
    expect(failingQuery(emptyDashboardFilter)).toEqual({});
  });
});

describe('carrierLabel and isDataSteward', () => {
  it('names carriers in Chinese', () => {
    expect(carrierLabel('ELECTRONIC')).toBe('电子证照');
    expect(carrierLabel('OTHER')).toBe('OTHER');
  });

  it('lets data stewards and administrators run checks and imports', () => {
    expect(isDataSteward({ roles: ['DATA_STEWARD'] })).toBe(true);
    expect(isDataSteward({ roles: ['REVIEWER', 'ADMIN'] })).toBe(true);
    expect(isDataSteward({ roles: ['REVIEWER'] })).toBe(false);
    expect(isDataSteward(null)).toBe(false);
  });
});
