import { describe, expect, it } from 'vitest';
import { watermarkLines, watermarkText, watermarkTiles } from './watermark';

// formatDateTime shows local time; pin the zone so the expected text is the same everywhere.
process.env.TZ = 'Asia/Shanghai';

describe('share watermark', () => {
  it('says the purpose, the recipient and the expiry', () => {
    expect(
      watermarkLines({ purpose: '运输合同', recipientName: '广州货主有限公司', expiresAt: '2026-12-04T02:00:00.000Z' }),
    ).toEqual(['仅供运输合同使用', '提供给 广州货主有限公司', '2026年12月04日 10:00前有效']);
  });

  it('leaves the recipient out when none was given (or only spaces)', () => {
    expect(watermarkText({ purpose: '招聘', recipientName: '  ', expiresAt: '2026-12-04T02:00:00.000Z' })).toBe(
      '仅供招聘使用 · 2026年12月04日 10:00前有效',
    );
    expect(watermarkLines({ purpose: '保险', expiresAt: '2026-12-04T02:00:00.000Z' })).toHaveLength(2);
  });

  it('repeats often enough to cover the card', () => {
    // A rotated three-line block needs about 190 px of height, so tiles never overlap.
    expect(watermarkTiles(100)).toBe(2);
    expect(watermarkTiles(760)).toBe(4);
    expect(watermarkTiles(761)).toBe(5);
  });
});
