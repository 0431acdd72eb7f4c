/** What sign-in sends as `device` (shared `deviceSchema`). */
export interface DeviceInput {
  platform: 'h5' | 'weapp';
  /** e.g. "微信小程序 · iPhone 13", at most 60 characters. */
  label?: string;
}

export function clampLabel(label: string): string {
  return label.length > 60 ? label.slice(0, 60) : label;
}
