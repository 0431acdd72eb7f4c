import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  ageLabel,
  ageOptions,
  emptyQueueFilter,
  kindOptions,
  queueQuery,
  stateOptions,
  typeOptions,
} from './queue-filter';

describe('queue filter → query', () => {
  it('sends nothing for the default queue (the server then lists 已提交 and 审核中)', () => {
    expect(queueQuery(emptyQueueFilter)).toEqual({});
    expect(activeFilterCount(emptyQueueFilter)).toBe(0);
  });

  it('sends each filter that is set, as strings, and only those', () => {
    expect(queueQuery({ typeCode: 'D071', kind: 'CONVERSION', state: '', minAgeDays: null })).toEqual({
      typeCode: 'D071',
      kind: 'CONVERSION',
    });
    expect(queueQuery({ typeCode: '', kind: '', state: 'RETURNED', minAgeDays: 7 })).toEqual({
      state: 'RETURNED',
      minAgeDays: '7',
    });
    expect(activeFilterCount({ typeCode: 'D013', kind: 'RENEWAL', state: 'IN_REVIEW', minAgeDays: 3 })).toBe(4);
  });

  it('keeps 0 days (everything submitted until now) and drops impossible ages', () => {
    expect(queueQuery({ ...emptyQueueFilter, minAgeDays: 0 })).toEqual({ minAgeDays: '0' });
    expect(queueQuery({ ...emptyQueueFilter, minAgeDays: -1 })).toEqual({});
    expect(queueQuery({ ...emptyQueueFilter, minAgeDays: 1.5 })).toEqual({});
  });

  it('offers every certificate type and kind, with 全部 first, and no 草稿 among the states', () => {
    expect(typeOptions[0]).toEqual({ value: '', label: '全部证照' });
    expect(typeOptions).toHaveLength(10);
    expect(typeOptions.map((o) => o.value)).toContain('D071');
    expect(kindOptions.map((o) => o.label)).toEqual([
      '全部业务',
      '申领',
      '纸质/IC卡证换领电子证',
      '换发',
      '补发',
      '变更',
      '延续',
    ]);
    expect(stateOptions.map((o) => o.value)).not.toContain('DRAFT');
    expect(stateOptions[0]).toEqual({ value: '', label: '待处理' });
    expect(ageOptions[0]).toEqual({ value: null, label: '不限' });
  });
});

describe('ageLabel', () => {
  it('says 今天提交 on the first day, then the days waited', () => {
    expect(ageLabel(0)).toBe('今天提交');
    expect(ageLabel(1)).toBe('已等待1天');
    expect(ageLabel(12)).toBe('已等待12天');
  });
});
