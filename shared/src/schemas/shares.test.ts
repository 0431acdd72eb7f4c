import { describe, expect, it } from 'vitest';
import { shareCreateRequestSchema } from './shares';

describe('shareCreateRequestSchema', () => {
  const base = {
    certificateIds: ['0195f2c4-1b2a-7c3d-8e4f-0123456789ab'],
    purposeCode: 'RECRUITMENT',
    expiresAt: '2026-12-01T00:00:00.000Z',
  };
  it('needs a purpose text for OTHER only', () => {
    expect(shareCreateRequestSchema.safeParse(base).success).toBe(true);
    const other = shareCreateRequestSchema.safeParse({ ...base, purposeCode: 'OTHER' });
    expect(other.success).toBe(false);
    expect(other.error?.issues[0]).toMatchObject({ path: ['purposeText'], message: '事由为“其他”时请填写说明' });
    expect(shareCreateRequestSchema.safeParse({ ...base, purposeCode: 'OTHER', purposeText: '租房' }).success).toBe(
      true,
    );
  });
  it('refuses an empty set, non-UUID ids and a non-ISO expiry', () => {
    expect(shareCreateRequestSchema.safeParse({ ...base, certificateIds: [] }).success).toBe(false);
    expect(shareCreateRequestSchema.safeParse({ ...base, certificateIds: ['abc'] }).success).toBe(false);
    expect(shareCreateRequestSchema.safeParse({ ...base, expiresAt: '明天' }).success).toBe(false);
  });
});
