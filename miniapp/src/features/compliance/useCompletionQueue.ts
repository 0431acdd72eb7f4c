import type { CertificateTypeCode } from '@roadcert/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { followStaffSignIn } from '../staff/staff-navigation';
import { fetchStaffCompletionTasks, queryOf } from './api';

export type CompletionQueue = 'supplements' | 'staff';

export const completionQueueLabels: Record<CompletionQueue, string> = {
  supplements: '持证人补充',
  staff: '运管待处理',
};

const PAGE_SIZE = 20;

/** 补正审核: the two queues (holders' supplements to confirm, failures only staff can fix), by type, a page at a time. */
export function useCompletionQueue() {
  const [queue, setQueue] = useState<CompletionQueue>('supplements');
  const [typeCode, setTypeCode] = useState<CertificateTypeCode | ''>('');
  const [page, setPage] = useState(1);
  const selection = useRef({ queue, typeCode, page });
  selection.current = { queue, typeCode, page };

  const load = useCallback(() => fetchStaffCompletionTasks(queryOf({ ...selection.current, pageSize: PAGE_SIZE })), []);
  const list = useRemote(load, followStaffSignIn);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void list.reload();
  }, [queue, typeCode, page, list.reload]);

  return {
    queue,
    typeCode,
    page,
    list,
    showQueue(next: CompletionQueue) {
      setQueue(next);
      setPage(1);
    },
    filterType(next: CertificateTypeCode | '') {
      setTypeCode(next);
      setPage(1);
    },
    setPage,
  };
}

export type CompletionQueueState = ReturnType<typeof useCompletionQueue>;
