import { submitApplicationRequestSchema } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { createSubmissionKeys, newSubmissionKey } from './submission-key';

describe('submission keys', () => {
  it('makes keys the submit contract accepts, different each time', () => {
    const a = newSubmissionKey();
    const b = newSubmissionKey();
    expect(submitApplicationRequestSchema.safeParse({ idempotencyKey: a }).success).toBe(true);
    expect(a).toHaveLength(24);
    expect(a).not.toBe(b);
  });

  it('gives a double tap or a retry after a lost answer the same key, and a new one after a definite answer', () => {
    let made = 0;
    const keys = createSubmissionKeys(() => `key-${++made}-abcdefgh`);
    const first = keys.current();
    expect(keys.current()).toBe(first); // second tap, same attempt
    keys.settled(); // the server answered
    const second = keys.current();
    expect(second).not.toBe(first);
    expect(made).toBe(2);
  });
});
