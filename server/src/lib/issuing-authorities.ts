import { z } from 'zod';
import { validateSocialCreditCode } from '@roadcert/shared';

/**
 * Default issuing authority (发证机关) per region, for issuance without a base certificate
 * (申领): `ROADCERT_ISSUING_AUTHORITIES`, a JSON object from a GB/T 2260 area-code
 * prefix (2, 4 or 6 digits: province, city, district) to `{name, uscc}`. The longest
 * prefix of the application's area code wins. Validated at start-up (config.ts).
 */
export type IssuingAuthority = { name: string; uscc: string };
export type IssuingAuthorities = Readonly<Record<string, IssuingAuthority>>;

/** Embedded default: the demo data's two authorities (server/src/seed/seed.ts `demoAuthorities`; a test holds them equal). */
export const embeddedIssuingAuthorities: IssuingAuthorities = {
  '4401': { name: '广州市交通运输局', uscc: '1144010000695581XU' },
  '4403': { name: '深圳市交通运输局', uscc: '114403000075506624' },
};

const authoritySchema = z.object({
  name: z.string().trim().min(2).max(100),
  uscc: z.string().transform((value, ctx) => {
    const result = validateSocialCreditCode(value);
    // Pilot-era codes pass the validator with a warning; an authority's own code must be exact.
    if (result.ok && !result.warnings) return result.value;
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a valid unified social credit code (${result.ok ? 'pilot code' : result.reason})`,
    });
    return z.NEVER;
  }),
});
const mapSchema = z.record(z.string(), authoritySchema);
/** A GB/T 2260 prefix: province (44), city (4401) or district (440106). */
const PREFIX = /^(\d{2}){1,3}$/;

/** Parses the variable's JSON: the map, or the problem in words (for ConfigError). */
export function parseIssuingAuthorities(
  json: string,
): { ok: true; value: IssuingAuthorities } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'must be a JSON object like {"4401":{"name":"广州市交通运输局","uscc":"…"}}' };
  }
  const parsed = mapSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      problem: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    };
  if (Object.keys(parsed.data).length === 0) return { ok: false, problem: 'must name at least one region' };
  const badKey = Object.keys(parsed.data).find((k) => !PREFIX.test(k));
  if (badKey !== undefined)
    return { ok: false, problem: `"${badKey}": keys must be area-code prefixes of 2, 4 or 6 digits` };
  return { ok: true, value: parsed.data };
}

/** The authority for an area code: the longest configured prefix, or null. */
export function issuingAuthorityFor(authorities: IssuingAuthorities, areaCode: string): IssuingAuthority | null {
  for (let length = 6; length >= 2; length -= 2) {
    const found = authorities[areaCode.slice(0, length)];
    if (found) return found;
  }
  return null;
}
