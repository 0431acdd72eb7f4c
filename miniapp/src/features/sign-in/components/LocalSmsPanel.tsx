import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StandInNotice, TextLink } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { toApiError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { fetchLocalSmsOutbox } from '../api';
import { codeInMessage } from '../digits';

type OutboxItem = Awaited<ReturnType<typeof fetchLocalSmsOutbox>>[number];
type PanelState =
  { status: 'loading' } | { status: 'ready'; items: OutboxItem[] } | { status: 'error'; message: string };

/**
 * Only when the server says the SMS went to the local stand-in (`deliveredBy: 'console'`): the
 * recorded messages for this number, labelled so nobody mistakes it for a real SMS.
 */
export function LocalSmsPanel({
  phone,
  serial,
  onUseCode,
}: {
  phone: string;
  serial: number;
  onUseCode: (code: string) => void;
}) {
  const [state, setState] = useState<PanelState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    fetchLocalSmsOutbox(phone).then(
      (items) => live && setState({ status: 'ready', items }),
      (cause: unknown) => live && setState({ status: 'error', message: toApiError(cause).message }),
    );
    return () => {
      live = false;
    };
  }, [phone, serial, reloads]);

  return (
    <StandInNotice title="本地模拟短信（未真实发送）">
      <Text className="local-sms__explain">当前为本地测试环境，验证码短信没有真实发送。以下是系统记录的短信内容：</Text>
      {state.status === 'loading' ? <Text className="local-sms__status">正在读取…</Text> : null}
      {state.status === 'error' ? <Text className="local-sms__status">{`读取失败：${state.message}`}</Text> : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <Text className="local-sms__status">暂无短信记录</Text>
      ) : null}
      {state.status === 'ready'
        ? state.items.slice(0, 3).map((item) => {
            const code = codeInMessage(item.text);
            return (
              <View key={`${item.createdAt}-${item.text}`} className="local-sms__item">
                <Text className="local-sms__meta">{`${item.phoneMasked} · ${formatDateTime(item.createdAt)}`}</Text>
                <Text className="local-sms__text">{item.text}</Text>
                {code ? (
                  <Button size="normal" className="local-sms__use" onClick={() => onUseCode(code)}>
                    填入验证码
                  </Button>
                ) : null}
              </View>
            );
          })
        : null}
      <TextLink onClick={() => setReloads((count) => count + 1)}>刷新</TextLink>
    </StandInNotice>
  );
}
