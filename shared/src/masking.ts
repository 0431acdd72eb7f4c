/**
 * Masking for personal numbers in every response and on every screen.
 * 4401**********8910 for ID numbers, 138****1234 for phones, 张* for names.
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '****' + phone.slice(-4);
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
