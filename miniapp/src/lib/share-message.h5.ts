import type * as Contract from './share-message';

type SharingNavigator = Navigator & {
  share?: (data: { title?: string; text?: string; url?: string }) => Promise<void>;
};

const browserNavigator = (): SharingNavigator | undefined =>
  typeof navigator === 'undefined' ? undefined : (navigator as SharingNavigator);

export const shareMessageSupport: typeof Contract.shareMessageSupport = () =>
  typeof browserNavigator()?.share === 'function' ? 'system-sheet' : 'none';

export const useShareMessage: typeof Contract.useShareMessage = () => undefined;

export const openShareSheet: typeof Contract.openShareSheet = async (message) => {
  const share = browserNavigator()?.share;
  if (typeof share !== 'function') return false;
  try {
    await share.call(browserNavigator(), { title: message.title, url: message.link });
    return true;
  } catch {
    // Cancelled by the person, or refused: nothing to report.
    return false;
  }
};
