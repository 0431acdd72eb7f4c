/** Keeps the digits of what was typed or pasted, up to `max`. */
export function digitsOnly(value: string, max: number): string {
  return value.replace(/\D/g, '').slice(0, max);
}

/** A mainland mobile number as typed or pasted: spaces, dashes and a +86 prefix dropped. */
export function phoneInput(value: string): string {
  const digits = value.replace(/\D/g, '');
  return (digits.length > 11 && digits.startsWith('86') ? digits.slice(2) : digits).slice(0, 11);
}

/** The 6-digit code in an SMS text, for the local outbox's 填入验证码 shortcut. */
export function codeInMessage(text: string): string | null {
  // No lookbehind: older iOS WebViews reject it, and the whole bundle with it.
  return /(?:^|\D)(\d{6})(?:\D|$)/.exec(text)?.[1] ?? null;
}
