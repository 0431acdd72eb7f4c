/**
 * Name and ID number as typed in the real-name form, kept in memory only — never in storage —
 * because WeChat's face check needs them again right after binding. Gone on restart, and
 * forgotten once the face check is done.
 */
let typed: { name: string; idNumber: string } | null = null;

export function rememberIdentity(identity: { name: string; idNumber: string }): void {
  typed = { ...identity };
}

export function recallIdentity(): { name: string; idNumber: string } | null {
  return typed;
}

export function forgetIdentity(): void {
  typed = null;
}
