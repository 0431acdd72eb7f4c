import { certificateStatusList } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { formatDate, formatValidity, statusAppearance, statusColours } from './format';

/** WCAG relative luminance / contrast ratio, to keep the badge colours readable. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('formatDate', () => {
  it('writes an ISO date the Chinese way, zero-padded', () => {
    expect(formatDate('2027-05-01')).toBe('2027年05月01日');
  });

  it('uses the calendar date of a timestamp without shifting time zones', () => {
    expect(formatDate('2026-12-31T23:30:00-08:00')).toBe('2026年12月31日');
  });

  it('returns input it does not understand unchanged', () => {
    expect(formatDate('明天')).toBe('明天');
  });
});

describe('formatValidity', () => {
  it('shows the end date', () => {
    expect(formatValidity('2030-01-15')).toBe('有效期至 2030年01月15日');
  });

  it('shows 长期有效 when there is no end date', () => {
    expect(formatValidity(null)).toBe('长期有效');
  });
});

describe('statusAppearance', () => {
  it('marks a valid certificate green with words and a tick', () => {
    const valid = statusAppearance('VALID');
    expect(valid).toMatchObject({ label: '有效', tone: 'valid', symbol: '✓' });
    expect(valid.colours).toBe(statusColours.valid);
  });

  it.each(['EXPIRED', 'REVOKED', 'REPLACED', 'CANCELLED', 'ANNULLED'] as const)(
    'marks %s as not valid, in red',
    (status) => {
      const appearance = statusAppearance(status);
      expect(appearance.tone).toBe('invalid');
      expect(appearance.symbol).toBe('✕');
      expect(appearance.colours).toBe(statusColours.invalid);
    },
  );

  it('never relies on colour alone: every status has its own words', () => {
    const labels = certificateStatusList.map((status) => statusAppearance(status).label);
    expect(new Set(labels).size).toBe(certificateStatusList.length);
    expect(labels.every((label) => label.length > 0)).toBe(true);
  });

  it('keeps badge text readable (contrast ≥ 4.5:1 against its background)', () => {
    for (const { text, background } of Object.values(statusColours)) {
      expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });
});
