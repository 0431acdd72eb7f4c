/** Region prefix of a GB/T 2260 code: 440100 → 4401, 440000 → 44, 000000 → '' (everything). */
export function regionPrefix(code: string): string {
  let p = code;
  while (p.endsWith('00')) p = p.slice(0, -2);
  return p;
}
