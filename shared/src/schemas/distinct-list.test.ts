import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { distinctList } from './common';
import { shareCreateRequestSchema } from './shares';

describe('distinctList', () => {
  const ids = distinctList(z.string(), '重复');

  it('accepts distinct items and refuses the first repeat by its index', () => {
    expect(ids.parse(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    const result = ids.safeParse(['a', 'b', 'a', 'b', 'a']);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([[[2], '重复']]);
  });

  it('compares parsed items (a share’s ids in lower case)', () => {
    const id = '0190d8d2-0000-7000-8000-00000000000a';
    const body = { purposeCode: 'RECRUITMENT', expiresAt: '2027-01-01T00:00:00Z' };
    expect(shareCreateRequestSchema.safeParse({ ...body, certificateIds: [id, id.toUpperCase()] }).success).toBe(false);
    expect(shareCreateRequestSchema.parse({ ...body, certificateIds: [id.toUpperCase()] }).certificateIds).toEqual([
      id,
    ]);
  });
});
