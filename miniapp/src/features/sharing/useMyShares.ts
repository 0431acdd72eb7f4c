import { useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { toApiError } from '../../lib/api-error';
import { confirm, toastSuccess } from '../../lib/feedback';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchMyShares, revokeShare } from './api';
import type { ShareRowView } from './share-view';

/** 我的分享: the list with opening counts, and 撤销 after a confirmation. */
export function useMyShares() {
  const shares = useRemote(fetchMyShares, (error) => followErrorNavigation(error));
  const [revokingId, setRevokingId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function revoke(row: ShareRowView): Promise<void> {
    const sure = await confirm({
      title: '撤销分享',
      content: `确定撤销“${row.purpose}”的分享链接吗？撤销后，对方打开链接将只看到“已撤销”，无法再查看证照。`,
      confirmText: '撤销',
      danger: true,
    });
    if (!sure) return;
    setRevokingId(row.id);
    setActionError(null);
    try {
      await revokeShare(row.id);
      toastSuccess('已撤销');
      await shares.reload();
    } catch (cause) {
      const error = toApiError(cause);
      if (!followErrorNavigation(error)) setActionError(error.message);
    } finally {
      setRevokingId(null);
    }
  }

  return { shares, revokingId, actionError, revoke };
}
