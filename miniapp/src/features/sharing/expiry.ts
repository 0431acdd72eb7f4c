/** How long a share link stays open: a few fixed choices, never past the server's limit. */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpiryPreset {
  days: number;
  label: string;
}

/** The choices people get; 7 days suits most contracts and job applications. */
export const expiryPresetDays = [1, 7, 30] as const;
export const defaultExpiryDays = 7;

/** Presets within `maxDays` (whole days; the server refuses anything longer); at least 1 day. */
export function expiryPresets(maxDays: number): ExpiryPreset[] {
  const within = expiryPresetDays.filter((days) => days <= maxDays);
  const days: number[] = within.length > 0 ? within : [1];
  return days.map((value) => ({ days: value, label: `${value}天` }));
}

/** The preset to start with: 7 days, or the longest allowed one below it. */
export function initialExpiryDays(presets: ExpiryPreset[]): number {
  const preferred = presets.find((preset) => preset.days === defaultExpiryDays);
  if (preferred) return preferred.days;
  return presets[presets.length - 1]?.days ?? 1;
}

/** The instant the link stops working, as the ISO timestamp the API takes. */
export function expiresAtFor(days: number, now: Date): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}
