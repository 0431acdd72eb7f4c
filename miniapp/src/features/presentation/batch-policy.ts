import { coverageEnd, type HeldIntervalRow } from './rotation';

/** Hours of material asked for at once: a day at the roadside without signal. */
export const BATCH_HOURS = 24;
/**
 * Below this much left — or below half of what the last batch covered, when the service gave
 * fewer hours than asked — the batch "runs low" and is refilled as soon as there is a network.
 */
export const REFILL_BELOW_MS = 12 * 3600_000;
/** However low or old, a batch just fetched is not fetched again within this (no loops). */
export const MIN_REFETCH_MS = 60_000;
/**
 * Even a full batch is fetched again when it is older than this and the network is there: the
 * face and the status (revoked, suspended) then follow the service within minutes.
 */
export const REFRESH_AFTER_MS = 10 * 60_000;
/** A failed fetch is not repeated sooner than this (the screen ticks every second). */
export const RETRY_AFTER_MS = 30_000;

export type FetchReason = 'empty' | 'low' | 'stale' | 'opened' | null;

interface BatchFacts {
  fetchedAt: number;
  intervals: readonly HeldIntervalRow[];
}

/**
 * Why the batch should be fetched now, or null when it need not be. `empty`: nothing usable on
 * the device; `opened`: the screen has just been opened (with a network, the face and status
 * are then current: a revoked certificate turns red at once); `low`: less than REFILL_BELOW_MS
 * of material left; `stale`: fetched more than REFRESH_AFTER_MS ago (or in the future: the clock
 * was changed).
 */
export function fetchReason(batch: BatchFacts | null, now: number, justOpened = false): FetchReason {
  if (!batch) return 'empty';
  if (justOpened) return 'opened';
  const end = coverageEnd(batch.intervals);
  if (end === null || end <= now) return 'empty';
  const sinceFetch = now - batch.fetchedAt;
  if (sinceFetch >= 0 && sinceFetch < MIN_REFETCH_MS) return null;
  if (end - now < Math.min(REFILL_BELOW_MS, (end - batch.fetchedAt) / 2)) return 'low';
  if (now - batch.fetchedAt > REFRESH_AFTER_MS || batch.fetchedAt > now + 60_000) return 'stale';
  return null;
}

/** Whether to call the service now: a reason, a network, nothing in flight, no failure just now. */
export function shouldFetch(input: {
  reason: FetchReason;
  online: boolean;
  inFlight: boolean;
  lastFailureAt: number | null;
  now: number;
}): boolean {
  if (input.reason === null || !input.online || input.inFlight) return false;
  return input.lastFailureAt === null || input.now - input.lastFailureAt >= RETRY_AFTER_MS;
}
