import pg from 'pg';
import type { Logger } from '../lib/logger';

/**
 * What a per-process cache hears when another process (or this one) changed what it holds.
 * Sent by triggers in the database (migration `…_cache_notify_and_rate_limits`), so the
 * NOTIFY belongs to the changing transaction whatever code path made the change.
 * - `certificate`: its state as the verifier reads it changed; `statusList` when its status
 *   or validity end did (the public status list changes too);
 * - `signing-keys`: a presentation key was published or retired;
 * - `all`: notifications may have been missed (the connection dropped, or came back):
 *   drop everything.
 */
export type CacheChange =
  { kind: 'certificate'; certificateId: string; statusList: boolean } | { kind: 'signing-keys' } | { kind: 'all' };

export type ChangeFeed = {
  /** Calls `handler` for every change from now on; returns the unsubscribe. */
  subscribe(handler: (change: CacheChange) => void): () => void;
  /**
   * False while notifications cannot arrive (the listening connection is down): caches then
   * keep entries at most `FALLBACK_CACHE_MS`, so a change still shows within a second.
   */
  live(): boolean;
  close(): Promise<void>;
};

export const CACHE_CHANNEL = 'roadcert_cache';
/** How long a cache may keep an entry while the feed is not live. */
export const FALLBACK_CACHE_MS = 1_000;

/** How long a cache keeps an entry: `ms` while the feed is live, at most `fallbackMs` while it reconnects. */
export const cacheLifetime = (changes: Pick<ChangeFeed, 'live'>, ms: number, fallbackMs = FALLBACK_CACHE_MS) =>
  changes.live() ? ms : Math.min(ms, fallbackMs);
const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 5_000;

/** `s:<id>`, `c:<id>`, `k` (see the migration); anything else is ignored. */
export function parseChange(payload: string | undefined): CacheChange | null {
  if (payload === 'k') return { kind: 'signing-keys' };
  const m = /^([sc]):([0-9a-f-]{36})$/.exec(payload ?? '');
  return m ? { kind: 'certificate', certificateId: m[2]!, statusList: m[1] === 's' } : null;
}

function createHub() {
  const handlers = new Set<(change: CacheChange) => void>();
  return {
    emit(change: CacheChange) {
      for (const handler of handlers) handler(change);
    },
    subscribe(handler: (change: CacheChange) => void) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
  };
}

/**
 * PostgreSQL: one dedicated connection LISTENs (not a pool connection: a pooled client would
 * stop listening when released). Connected on the first subscription. When it drops, the
 * caches are told `all` and run on short lifetimes (`live()` false) while it reconnects with
 * a doubling backoff (0.1 s … 5 s); once back, `all` again, for what was missed meanwhile.
 */
export function listenOnPostgres(url: string, logger?: Pick<Logger, 'warn' | 'info'>): ChangeFeed {
  const hub = createHub();
  let client: pg.Client | null = null;
  let connected = false;
  let started = false;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  async function connect() {
    retry = null;
    if (closed) return;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client = c;
    c.on('notification', (n) => {
      const change = n.channel === CACHE_CHANNEL ? parseChange(n.payload) : null;
      if (change) hub.emit(change);
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${CACHE_CHANNEL}`);
    } catch {
      lost(c);
      return;
    }
    if (client !== c || closed) return void c.end().catch(() => undefined);
    if (failures > 0) logger?.info({ after: failures }, 'cache notifications reconnected');
    failures = 0;
    connected = true;
    hub.emit({ kind: 'all' });
  }

  function lost(c: pg.Client) {
    if (client !== c) return;
    client = null;
    c.end().catch(() => undefined);
    const wasLive = connected;
    connected = false;
    if (wasLive) {
      logger?.warn('cache notifications lost: caches keep entries at most 1 s until reconnected');
      hub.emit({ kind: 'all' });
    }
    if (closed) return;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** failures);
    failures++;
    retry = setTimeout(() => void connect(), delay);
    retry.unref();
  }

  return {
    subscribe(handler) {
      if (!started) {
        started = true;
        void connect();
      }
      return hub.subscribe(handler);
    },
    live: () => connected,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      connected = false;
      await c?.end().catch(() => undefined);
    },
  };
}

/**
 * The embedded PGlite is one PostgreSQL session behind every socket connection, so a LISTEN
 * through the pool holds for all of them, and the database delivers a notification to the
 * connection whose statement committed the change: the pool's clients are listened to. One
 * process, one database: nothing is missed, so the feed is always live. (PGlite's own
 * `listen()` only sees statements run through its JavaScript API, not the socket's.)
 */
export function listenOnEmbedded(pool: pg.Pool): ChangeFeed {
  const hub = createHub();
  let listening: Promise<unknown> | null = null;
  pool.on('connect', (client) =>
    client.on('notification', (n) => {
      const change = n.channel === CACHE_CHANNEL ? parseChange(n.payload) : null;
      if (change) hub.emit(change);
    }),
  );
  return {
    subscribe(handler) {
      listening ??= pool.query(`LISTEN ${CACHE_CHANNEL}`).catch(() => (listening = null));
      return hub.subscribe(handler);
    },
    live: () => true,
    close: async () => undefined,
  };
}
