import { Button } from '../../../components/nutui';
import { openShareSheet, shareMessageSupport } from '../../../lib/share-message';
import type * as Contract from './SendLinkButton';

/** Only where the browser has a share sheet; elsewhere copying the link is the way. */
export const SendLinkButton: typeof Contract.SendLinkButton = ({ message }) => {
  if (shareMessageSupport() !== 'system-sheet') return null;
  return (
    <Button fill="outline" type="primary" size="large" block onClick={() => void openShareSheet(message)}>
      分享到其他应用
    </Button>
  );
};
