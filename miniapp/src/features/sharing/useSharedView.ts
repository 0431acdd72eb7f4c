import type { SharedView } from '@roadcert/shared';
import { useRemote, type Remote } from '../../hooks/useRemote';
import { ApiError } from '../../lib/api-error';
import { fetchSharedView } from './api';

const noLink = () => new ApiError({ code: 'NOT_FOUND', status: 404, message: '分享链接不完整，请向分享人重新索取' });

/** The opened share link (public): no sign-in, every error shown on the page. */
export function useSharedView(secret: string | undefined): Remote<SharedView> {
  return useRemote(() => (secret ? fetchSharedView(secret) : Promise.reject(noLink())));
}
