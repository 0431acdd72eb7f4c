import type { Logger } from '../lib/logger';

/** What a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
/** At most one "database unavailable" log line per this interval, however many requests fail. */
export const OUTAGE_LOG_INTERVAL_MS = 10_000;

type OutageLogger = Pick<Logger, 'error' | 'info'>;

/**
 * Turns thousands of failing requests during a database outage into one log line per
 * interval (with how many were suppressed) and one line when it ends. Without it every
 * request logged its own stack trace: 10,849 in a 10-second PostgreSQL stop (issue 12).
 * The line carries the driver's code and first message line, never a stack or a query.
 */
export function createOutageReporter(options: { intervalMs?: number; now?: () => number } = {}) {
  const intervalMs = options.intervalMs ?? OUTAGE_LOG_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let since: number | null = null;
  let lastSeen = 0;
  let lastLogged = 0;
  let suppressed = 0;

  return {
    /** A request (or probe) found the database unreachable. */
    unavailable(log: OutageLogger, err: unknown, context: Record<string, unknown> = {}) {
      const t = now();
      // No failure for a whole interval: whatever came before is over, this is a new outage.
      if (since === null || t - lastSeen > intervalMs) {
        since = t;
        lastLogged = t - intervalMs;
        suppressed = 0;
      }
      lastSeen = t;
      if (t - lastLogged < intervalMs) {
        suppressed++;
        return;
      }
      log.error(
        { reason: describe(err), outageSeconds: Math.round((t - since) / 1000), suppressed, ...context },
        'database unavailable: answering 503 DATABASE_UNAVAILABLE',
      );
      lastLogged = t;
      suppressed = 0;
    },
    /** The database answered again (the readiness probe's ping succeeded). */
    reachable(log: OutageLogger) {
      if (since === null) return;
      log.info(
        { outageSeconds: Math.round((now() - since) / 1000), suppressed },
        'database reachable again after an outage',
      );
      since = null;
      suppressed = 0;
    },
  };
}

export type OutageReporter = ReturnType<typeof createOutageReporter>;

/** The process's one reporter: the error handler, the fast routes and /readyz share it. */
export const databaseOutage = createOutageReporter();

/**
 * The innermost driver code and the last line of the outermost message (Prisma puts the
 * calling code first and the reason last): enough to tell causes apart.
 */
function describe(err: unknown): { name?: string; code?: string; message?: string } {
  const first = err as { name?: unknown; message?: unknown } | null;
  let code: string | undefined;
  let cursor: unknown = err;
  for (let depth = 0; depth < 5 && cursor && typeof cursor === 'object'; depth++) {
    const c = cursor as {
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    for (const candidate of [c.originalCode, c.code, c.kind])
      if (typeof candidate === 'string' && candidate !== 'postgres') code = candidate;
    cursor = c.meta?.driverAdapterError ?? c.cause;
  }
  const message =
    typeof first?.message === 'string'
      ? first.message
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .at(-1)
      : undefined;
  return { name: typeof first?.name === 'string' ? first.name : undefined, code, message: message?.slice(0, 200) };
}
