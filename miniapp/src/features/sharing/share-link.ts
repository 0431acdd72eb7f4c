import type { ShareCreated } from '@roadcert/shared';
import type { ShareMessage } from '../../lib/share-message';

/**
 * The link is `${PUBLIC_BASE_URL}/s/<secret>`; the mini-program's share page takes the same
 * secret as `?s=`, so a link sent to a WeChat friend opens the same copy inside WeChat.
 */
export function shareSecretOf(link: string): string | null {
  const match = /\/s\/([^/?#]+)/.exec(link);
  return match?.[1] ?? null;
}

/** The page path of the share view; kept literal here so this module stays Taro-free and testable. */
export const shareViewPath = '/pkg-verify/pages/share/index';

export function shareMessageFor(created: ShareCreated): ShareMessage {
  const secret = shareSecretOf(created.link);
  const { share } = created;
  const whose = share.operatorName ?? '证照';
  return {
    title: `${whose}（仅供${share.purposeLabel}使用）`,
    path: secret ? `${shareViewPath}?s=${encodeURIComponent(secret)}` : shareViewPath,
    link: created.link,
  };
}
