import { describe, expect, it } from 'vitest';
import { chinaToday, completedYears, isIsoDate, isRealDate } from './dates';

describe('dates', () => {
  it('knows real calendar days', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2025, 2, 29)).toBe(false);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-4-30')).toBe(false);
  });

  it('takes today in Beijing time, whatever the server clock zone', () => {
    expect(chinaToday(new Date('2025-06-01T15:59:59Z'))).toBe('2025-06-01');
    expect(chinaToday(new Date('2025-06-01T16:00:00Z'))).toBe('2025-06-02');
  });

  it('counts whole years, a 29 February start completing on 1 March', () => {
    expect(completedYears('2020-06-01', '2025-05-31')).toBe(4);
    expect(completedYears('2020-06-01', '2025-06-01')).toBe(5);
    expect(completedYears('2020-02-29', '2021-02-28')).toBe(0);
    expect(completedYears('2020-02-29', '2021-03-01')).toBe(1);
  });
});

describe('date rules', () => {
  it('has months 1–12 and days from 1 to the month’s last', () => {
    expect(isRealDate(2025, 0, 15)).toBe(false);
    expect(isRealDate(2025, 13, 1)).toBe(false);
    expect(isRealDate(2025, 1, 0)).toBe(false);
    expect(isRealDate(2025, 1, 31)).toBe(true);
    expect(isRealDate(2025, 12, 31)).toBe(true);
    expect(isRealDate(2025, 4, 31)).toBe(false);
  });

  it('takes YYYY-MM-DD only: four, two and two digits, nothing around them', () => {
    expect(isIsoDate('2025-04-30')).toBe(true);
    for (const text of [
      '12025-04-30',
      '2025-04-301',
      ' 2025-04-30',
      '2025-4-300',
      '202-04-30',
      '2025-04-3',
      'abcd-04-30',
    ])
      expect(isIsoDate(text)).toBe(false);
    expect(isIsoDate('2025-00-10')).toBe(false);
    expect(isIsoDate('2025-01-00')).toBe(false);
  });

  it('is eight hours ahead of UTC all year (no daylight saving)', () => {
    expect(chinaToday(new Date('2025-01-01T15:59:59.999Z'))).toBe('2025-01-01');
    expect(chinaToday(new Date('2025-01-01T16:00:00Z'))).toBe('2025-01-02');
    expect(chinaToday(new Date('2025-07-31T16:00:00Z'))).toBe('2025-08-01');
  });
});
