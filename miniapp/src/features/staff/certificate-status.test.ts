import { describe, expect, it } from 'vitest';
import { normaliseNumberInput, numberProblem, statusActions, statusReasonProblem } from './certificate-status';

describe('statusActions', () => {
  it('a valid certificate can be suspended or revoked', () => {
    expect(statusActions('VALID').map((a) => [a.target, a.label])).toEqual([
      ['SUSPENDED', '暂停'],
      ['REVOKED', '吊销'],
    ]);
  });

  it('a suspended one can be restored or revoked', () => {
    expect(statusActions('SUSPENDED').map((a) => a.target)).toEqual(['VALID', 'REVOKED']);
  });

  it('revoked, replaced, expired and cancelled ones offer nothing', () => {
    for (const status of ['REVOKED', 'REPLACED', 'EXPIRED', 'CANCELLED', 'ANNULLED'] as const)
      expect(statusActions(status)).toEqual([]);
  });
});

describe('reason and number', () => {
  it('wants a reason of 2 to 200 characters', () => {
    expect(statusReasonProblem(' 好 ')).toBe('请填写原因（至少2个字）');
    expect(statusReasonProblem('x'.repeat(201))).toBe('原因不超过200字');
    expect(statusReasonProblem('违法违规')).toBeNull();
  });

  it('reads a typed number as half-width, upper case, without spaces', () => {
    expect(normaliseNumberInput(' 4401 0619ｘ ')).toBe('44010619X');
    expect(numberProblem('44')).toBe('请输入证照号码');
    expect(numberProblem('440106198503124518')).toBeNull();
  });
});
