/**
 * The worker's circuit breaker: after `threshold` failed batches in a row the receiver is taken
 * for down and nothing is sent for `cooldownMs` (doubling on each failed probe up to `maxCooldownMs`);
 * then one small probe batch goes out (half-open): success closes it, failure opens it again.
 * While open, entries keep their attempts: an outage does not push them towards DEAD.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export function createCircuitBreaker(
  options: { threshold?: number; cooldownMs?: number; maxCooldownMs?: number; now?: () => number } = {},
) {
  const threshold = options.threshold ?? 5;
  const baseCooldown = options.cooldownMs ?? 2_000;
  const maxCooldown = options.maxCooldownMs ?? 60_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  let cooldown = baseCooldown;
  let opened = 0;

  const state = (): BreakerState => {
    if (openedAt === null) return 'closed';
    return now() - openedAt >= cooldown ? 'half-open' : 'open';
  };

  return {
    state,
    /** Whether a batch may go out now; in half-open, only a probe. */
    allows: () => state() !== 'open',
    /** Milliseconds until the next probe (0 when closed or half-open). */
    waitMs: () => (openedAt === null ? 0 : Math.max(0, openedAt + cooldown - now())),
    success() {
      failures = 0;
      openedAt = null;
      cooldown = baseCooldown;
    },
    failure() {
      const wasProbe = state() === 'half-open';
      failures++;
      if (wasProbe) {
        cooldown = Math.min(cooldown * 2, maxCooldown);
        openedAt = now();
        opened++;
      } else if (openedAt === null && failures >= threshold) {
        openedAt = now();
        opened++;
      }
    },
    /** How many times it opened (metrics, tests). */
    timesOpened: () => opened,
  };
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>;
