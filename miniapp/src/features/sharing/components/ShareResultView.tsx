import { Text, View } from '@tarojs/components';
import type { ShareCreated } from '@roadcert/shared';
import { useMemo, useState } from 'react';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { copyToClipboard } from '../../../lib/clipboard';
import { toastSuccess } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/format';
import { redirect } from '../../../lib/router';
import { useShareMessage } from '../../../lib/share-message';
import { QrCanvas } from '../../presentation/components/QrCanvas';
import { shareMessageFor } from '../share-link';
import { purposeLine } from '../share-view';
import { SendLinkButton } from './SendLinkButton';

/** The created link: shown once (only its hash is kept), as text, as a QR, to copy or send. */
export function ShareResultView({ created }: { created: ShareCreated }) {
  const message = useMemo(() => shareMessageFor(created), [created]);
  const [copyFailed, setCopyFailed] = useState(false);
  useShareMessage(message);
  const { share } = created;

  async function copy(): Promise<void> {
    const copied = await copyToClipboard(created.link);
    setCopyFailed(!copied);
    if (copied) toastSuccess('链接已复制');
  }

  return (
    <View>
      <Card title="分享链接已生成">
        <View className="share-result__facts">
          <Text className="share-result__fact">{`事由：${purposeLine(share)}`}</Text>
          {share.recipientName ? <Text className="share-result__fact">{`接收方：${share.recipientName}`}</Text> : null}
          <Text className="share-result__fact">{`证照：${share.certificates.length}张`}</Text>
          <Text className="share-result__fact">{`有效期至：${formatDateTime(share.expiresAt)}`}</Text>
        </View>
        <View className="share-result__qr">
          <QrCanvas text={created.qrText} colour="#000000" label="分享链接二维码，对方用手机相机扫描即可打开" />
          <Text className="share-result__qr-hint">请对方用手机相机或微信扫一扫</Text>
        </View>
        <Text className="share-result__link" userSelect>
          {created.link}
        </Text>
        {copyFailed ? <Text className="share-result__copy-failed">无法自动复制，请长按上方链接手动复制。</Text> : null}
        <View className="rc-actions">
          <Button type="primary" size="large" block onClick={() => void copy()}>
            复制链接
          </Button>
          <SendLinkButton message={message} />
        </View>
        <Text className="share-form__hint">链接只显示这一次，请现在复制或发送。不再需要时，可在“我的分享”中撤销。</Text>
      </Card>
      <View className="share-result__more">
        <Button fill="outline" type="primary" size="large" block onClick={() => void redirect('shares')}>
          查看我的分享
        </Button>
      </View>
    </View>
  );
}
