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
