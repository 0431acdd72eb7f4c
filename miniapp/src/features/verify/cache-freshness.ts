/**
 * How fresh the scanner's cached key list and status list are, in words: an offline "valid" is
 * only as good as the status list behind it, so the verifier is told its age.
 */
export interface Freshness {
  /** '5分钟前更新', '尚未下载'. */
  label: string;
  /** Older than the list's own ttl (or never fetched): revocations since then are not known. */
  stale: boolean;
}

export function describeAge(ms: number): string {
  if (ms < 60_000) return '刚刚更新';
  if (ms < 3600_000) return `${Math.floor(ms / 60_000)}分钟前更新`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3600_000)}小时前更新`;
  return `${Math.floor(ms / 86_400_000)}天前更新`;
}

/** `fetchedAt` null: never downloaded. A fetch time in the future (clock changed) counts as stale. */
export function freshness(fetchedAt: number | null, ttlSeconds: number, now: number): Freshness {
  if (fetchedAt === null) return { label: '尚未下载', stale: true };
  const age = now - fetchedAt;
  if (age < -60_000) return { label: '更新时间晚于本机时间，请检查手机时间', stale: true };
  return { label: describeAge(Math.max(0, age)), stale: age > ttlSeconds * 1000 };
}
