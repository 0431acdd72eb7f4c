import { describe, expect, it } from 'vitest';
import { decisionsFor, reasonProblem } from './decision';

describe('decisionsFor', () => {
  it('confirms, returns or waives a supplement; only waives a task still waiting for its value', () => {
    expect(decisionsFor({ state: 'SUBMITTED' })).toEqual(['accept', 'return', 'waive']);
    expect(decisionsFor({ state: 'OPEN' })).toEqual(['waive']);
    expect(decisionsFor({ state: 'REJECTED' })).toEqual(['waive']);
    expect(decisionsFor({ state: 'CONFIRMED' })).toEqual([]);
    expect(decisionsFor({ state: 'WAIVED' })).toEqual([]);
  });
});

describe('reasonProblem', () => {
  it('needs 2 to 300 characters, as the server does', () => {
    expect(reasonProblem('')).toBe('请填写原因（至少2个字）');
    expect(reasonProblem(' 好 ')).toBe('请填写原因（至少2个字）');
    expect(reasonProblem('照片模糊，看不清准驾车型')).toBeNull();
    expect(reasonProblem('字'.repeat(301))).toBe('原因不能超过300个字');
  });
});
