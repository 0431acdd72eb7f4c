import { describe, expect, it } from 'vitest';
import { expiresAtFor, expiryPresets, initialExpiryDays } from './expiry';

describe('share expiry presets', () => {
  it('offers 1, 7 and 30 days when the server allows 30 or more', () => {
    expect(expiryPresets(30).map((preset) => preset.label)).toEqual(['1天', '7天', '30天']);
    expect(expiryPresets(90).map((preset) => preset.days)).toEqual([1, 7, 30]);
  });

  it('drops presets longer than the server allows', () => {
    expect(expiryPresets(14).map((preset) => preset.days)).toEqual([1, 7]);
    expect(expiryPresets(7).map((preset) => preset.days)).toEqual([1, 7]);
  });

  it('offers a whole-day limit that falls between presets only as far as it goes', () => {
    expect(expiryPresets(3).map((preset) => preset.days)).toEqual([1]);
  });

  it('starts on 7 days, or the longest allowed below it', () => {
    expect(initialExpiryDays(expiryPresets(30))).toBe(7);
    expect(initialExpiryDays(expiryPresets(3))).toBe(1);
  });

  it('turns days into an instant from now', () => {
    expect(expiresAtFor(7, new Date('2026-11-27T10:00:00.000Z'))).toBe('2026-12-04T10:00:00.000Z');
    expect(expiresAtFor(1, new Date('2026-12-31T23:30:00.000Z'))).toBe('2027-01-01T23:30:00.000Z');
  });
});
