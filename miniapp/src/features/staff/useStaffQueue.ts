import { useCallback, useEffect, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { fetchQueue } from './api';
import { emptyQueueFilter, queueQuery, type QueueFilter } from './queue-filter';
import { followStaffSignIn } from './staff-navigation';

/** 审核队列: the filters and the list they select (oldest first, as the server orders it). */
export function useStaffQueue() {
  const [filter, setFilter] = useState<QueueFilter>(emptyQueueFilter);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const load = useCallback(() => fetchQueue(queueQuery(filterRef.current)), []);
  const queue = useRemote(load, followStaffSignIn);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void queue.reload();
  }, [filter, queue.reload]);

  function update<K extends keyof QueueFilter>(key: K, value: QueueFilter[K]) {
    setFilter((previous) => ({ ...previous, [key]: value }));
  }

  return { filter, update, clear: () => setFilter(emptyQueueFilter), queue };
}
