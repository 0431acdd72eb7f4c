import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { confirm, toastSuccess } from '../../lib/feedback';
import { followErrorNavigation } from '../session/error-navigation';

/**
 * One confirmed removal in a list (撤销授权, 解除随车): ask, remove, toast, reload; the id being
 * removed drives the row's spinner, and a failure lands in `onError` unless it navigates away.
 */
export function useConfirmedRemoval<T extends { id: string }>(options: {
  dialog: (item: T) => { title: string; content: string; confirmText: string };
  remove: (item: T) => Promise<unknown>;
  success: string;
  reload: () => Promise<unknown>;
  onError: (message: string | null) => void;
}) {
  const [removingId, setRemovingId] = useState<string | null>(null);

  async function removeItem(item: T): Promise<void> {
    const sure = await confirm({ ...options.dialog(item), danger: true });
    if (!sure) return;
    setRemovingId(item.id);
    options.onError(null);
    try {
      await options.remove(item);
      toastSuccess(options.success);
      await options.reload();
    } catch (cause) {
      const error = toApiError(cause);
      if (!followErrorNavigation(error)) options.onError(error.message);
    } finally {
      setRemovingId(null);
    }
  }

  return { removingId, removeItem };
}
