import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../lib/api-error';

export type RemoteState<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ApiError };

export interface Remote<T> {
  state: RemoteState<T>;
  /** Loads again. Data already on screen stays there until the new result arrives. */
  reload: () => Promise<void>;
}

/**
 * Loads data once on mount and on `reload`. Only the latest call may update the state, so a slow
 * earlier response never overwrites a newer one. `onError` returning true means "handled" (e.g.
 * redirected to sign-in) and leaves the state as it was instead of showing the error.
 */
export function useRemote<T>(load: () => Promise<T>, onError?: (error: ApiError) => boolean): Remote<T> {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' });
  const latestCall = useRef(0);
  const loadRef = useRef(load);
  const onErrorRef = useRef(onError);
  loadRef.current = load;
  onErrorRef.current = onError;

  const reload = useCallback(async () => {
    const call = ++latestCall.current;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    try {
      const data = await loadRef.current();
      if (call === latestCall.current) setState({ status: 'ready', data });
    } catch (cause) {
      if (call !== latestCall.current) return;
      const error = toApiError(cause);
      if (onErrorRef.current?.(error)) return;
      setState({ status: 'error', error });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload };
}
