import type { KeyList, StatusList } from '@roadcert/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { watchNetwork } from '../../lib/network';
import { fetchKeyList, fetchStatusList } from './api';
import { freshness, type Freshness } from './cache-freshness';
import { loadKeyList, loadStatusList, saveKeyList, saveStatusList, type CachedList } from './verifier-cache';

export interface VerifierLists {
  keys: CachedList<KeyList> | null;
  status: CachedList<StatusList> | null;
  keysFreshness: Freshness;
  statusFreshness: Freshness;
  online: boolean;
  refreshing: boolean;
  /** Downloads both lists now. */
  refresh: () => Promise<void>;
}

/** Until a list has been fetched, assume it is worth an hour. */
const DEFAULT_TTL_SECONDS = 3600;

/**
 * The scanner's key list and status list: kept on the device, downloaded again whenever the
 * network is there and either is past its ttl (checked once a minute while the page is open).
 */
export function useVerifierLists(): VerifierLists {
  const [keys, setKeys] = useState(loadKeyList);
  const [status, setStatus] = useState(loadStatusList);
  const [online, setOnline] = useState(true);
  const [refreshing, setRefreshing] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const inFlight = useRef(false);

  useEffect(() => watchNetwork(setOnline), []);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setRefreshing(true);
    try {
      const [keyList, statusList] = await Promise.allSettled([fetchKeyList(), fetchStatusList()]);
      const at = Date.now();
      if (keyList.status === 'fulfilled') {
        const cached = { fetchedAt: at, list: keyList.value };
        saveKeyList(cached);
        setKeys(cached);
      }
      if (statusList.status === 'fulfilled') {
        const cached = { fetchedAt: at, list: statusList.value };
        saveStatusList(cached);
        setStatus(cached);
      }
      setNow(at);
    } finally {
      inFlight.current = false;
      setRefreshing(false);
    }
  }, []);

  const keysFreshness = freshness(keys?.fetchedAt ?? null, keys?.list.ttlSeconds ?? DEFAULT_TTL_SECONDS, now);
  const statusFreshness = freshness(status?.fetchedAt ?? null, status?.list.ttlSeconds ?? DEFAULT_TTL_SECONDS, now);
  const due = keysFreshness.stale || statusFreshness.stale;
  useEffect(() => {
    if (online && due) void refresh();
  }, [online, due, refresh]);

  return { keys, status, keysFreshness, statusFreshness, online, refreshing, refresh };
}
