/**
 * Masking for personal numbers in every response and on every screen.
 * 4401**********8910 for ID numbers, 138****1234 for phones, 张* for names.
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/**
 * 138****1234 for an 11-digit mobile number (four hidden of eleven). Shorter numbers (landlines,
 * bad data) keep only their last two characters, so at least as much is hidden: a 7-digit
 * number masked the mobile way would show all seven.
 */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
  if (phone.length < 6) return '*'.repeat(phone.length);
  return '*'.repeat(phone.length - 2) + phone.slice(-2);
}

/** Keeps the first character of a Chinese name (surname) and masks the rest. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Operator (company) names are public register data; people's names are masked. */
export function maskHolderName(kind: 'PERSON' | 'OPERATOR', name: string): string {
  return kind === 'OPERATOR' ? name : maskPersonName(name);
}
