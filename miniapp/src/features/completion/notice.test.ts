import { describe, expect, it } from 'vitest';
import { pendingNotice } from './notice';

describe('pendingNotice', () => {
  it('says how many items wait, and nothing when none do', () => {
    expect(pendingNotice(2)).toBe('有 2 项信息待补充');
    expect(pendingNotice(0)).toBeNull();
  });
});
