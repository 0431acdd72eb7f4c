import { useDidHide, useDidShow } from '../../lib/page';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { watchNetwork } from '../../lib/network';
import { followSignInNavigation } from '../session/error-navigation';
import { localIsoDate } from '../certificates/card-view';
import { fetchPresentationBatch } from './api';
import { fetchReason, REFRESH_AFTER_MS, shouldFetch, type FetchReason } from './batch-policy';
import { loadBatch, saveBatch, type StoredBatch } from './batch-store';
import { toPresentationView, type PresentationView } from './presentation-view';
import { toHeldIntervals, unexpired } from './rotation';

/** A refused certificate is asked about again on opening and every REFRESH_AFTER_MS (it may be restored), not whenever its batch is low. */
function dueReason(batch: StoredBatch | null, now: number, justOpened: boolean): FetchReason {
  if (batch?.refusedReason) return justOpened ? 'opened' : now - batch.fetchedAt > REFRESH_AFTER_MS ? 'stale' : null;
  return fetchReason(batch, now, justOpened);
}

export interface Presentation {
  view: PresentationView;
  now: number;
  /** Fetch again now (the 重试 button), whatever the schedule says. */
  refresh: () => void;
}

/**
 * The holder screen's state: the batch kept on the device, refilled from the service when the
 * network is there and the batch is low or old; the clock ticking every second while the page
 * shows. A refusal (NOT_PRESENTABLE) is kept with the batch, so the screen stays red offline.
 */
export function usePresentation(certificateId: string | undefined): Presentation {
  const [batch, setBatch] = useState<StoredBatch | null>(() => (certificateId ? loadBatch(certificateId) : null));
  const [now, setNow] = useState(() => Date.now());
  const [networkUp, setNetworkUp] = useState(true);
  const [unreachable, setUnreachable] = useState(false);
  const [fetching, setFetching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);
  const lastFailureAt = useRef<number | null>(null);
  /** True until the first fetch after the screen opened has been tried. */
  const justOpened = useRef(true);
  const batchRef = useRef(batch);
  batchRef.current = batch;

  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  useEffect(
    () =>
      watchNetwork((online) => {
        setNetworkUp(online);
        if (online) setUnreachable(false);
      }),
    [],
  );

  useEffect(() => {
    if (!visible) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [visible]);

  const fetchNow = useCallback(async () => {
    if (!certificateId) return;
    justOpened.current = false;
    setFetching(true);
    try {
      const fetched = await fetchPresentationBatch(certificateId);
      const fetchedAt = Date.now();
      const next: StoredBatch = {
        certificateId,
        face: fetched.face,
        windowSeconds: fetched.windowSeconds,
        fetchedAt,
        qrBaseUrl: fetched.qrBaseUrl,
        intervals: unexpired(toHeldIntervals(fetched.intervals), fetchedAt),
        refusedReason: null,
      };
      saveBatch(next);
      setBatch(next);
      setError(null);
      setRefusal(null);
      setUnreachable(false);
      lastFailureAt.current = null;
    } catch (cause) {
      const failure = toApiError(cause);
      lastFailureAt.current = Date.now();
      if (failure.code === 'NETWORK') {
        setUnreachable(true);
      } else if (failure.code === 'NOT_PRESENTABLE') {
        // Kept with whatever batch there is: the QR turns red with the service's reason, offline too.
        const current = batchRef.current;
        if (current) {
          const refused = { ...current, fetchedAt: Date.now(), refusedReason: failure.message };
          saveBatch(refused);
          setBatch(refused);
        }
        setRefusal(failure.message);
      } else if (!followSignInNavigation(failure)) {
        setError(failure.message);
      }
    } finally {
      setFetching(false);
    }
  }, [certificateId]);

  const online = networkUp && !unreachable;
  useEffect(() => {
    if (!visible) return;
    const reason = refusal !== null && !batch ? null : dueReason(batch, now, justOpened.current);
    if (shouldFetch({ reason, online: networkUp, inFlight: fetching, lastFailureAt: lastFailureAt.current, now }))
      void fetchNow();
  }, [batch, refusal, now, networkUp, fetching, visible, fetchNow]);

  const refresh = useCallback(() => {
    lastFailureAt.current = null;
    setUnreachable(false);
    if (!fetching) void fetchNow();
  }, [fetching, fetchNow]);

  const view = toPresentationView({ batch, now, today: localIsoDate(new Date(now)), online, fetching, error, refusal });
  return { view, now, refresh };
}
