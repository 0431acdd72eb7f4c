import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { navigate } from '../../../lib/router';
import { subscribeMessageSupported } from '../../../lib/subscribe-message';
import { ConsentText } from '../../consent/components/ConsentText';
import type { ReminderPreferencesModel } from '../useReminderPreferences';
import './reminder-settings.scss';

function Toggle({
  label,
  on,
  disabled,
  busy,
  onToggle,
}: {
  label: string;
  on: boolean;
  disabled?: boolean;
  busy?: boolean;
  onToggle: () => void;
}) {
  const className = [
    'rc-switch',
    on ? 'rc-switch--on' : '',
    disabled ? 'rc-switch--disabled' : '',
    busy ? 'rc-switch--busy' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <View
      className={className}
      role="switch"
      aria-checked={on}
      aria-disabled={disabled}
      aria-label={label}
      onClick={() => {
        if (!disabled && !busy) onToggle();
      }}
    >
      <View className="rc-switch__knob" />
    </View>
  );
}

function ChannelRow({ title, note, children }: { title: string; note: string; children?: ReactNode }) {
  return (
    <View className="reminder-channel">
      <View className="reminder-channel__head">
        <Text className="reminder-channel__title">{title}</Text>
        {children}
      </View>
      <Text className="reminder-channel__note">{note}</Text>
    </View>
  );
}

/** 消息提醒: which ways reminders reach the holder, what 退订 means, and the SMS consent. */
export function ReminderSettingsView({ model }: { model: ReminderPreferencesModel }) {
  const { state, view, pending } = model;
  if (!view && state.status === 'loading') return <LoadingCards count={2} />;
  if (!view && state.status === 'error')
    return <ErrorState message={state.error.message} onRetry={() => void model.reload()} />;
  if (!view) return null;
  const inMiniProgram = subscribeMessageSupported();
  return (
    <View>
      <Card title="提醒方式">
        <Text className="reminder-lead">
          证照快到期、年审或诚信考核快到期、信息需要补充、办理有进度时，我们会提醒您。
        </Text>
        <ChannelRow title="短信提醒" note={view.smsNote}>
          <Toggle
            label="短信提醒"
            on={view.smsOn}
            disabled={!view.smsUsable}
            busy={pending === 'sms'}
            onToggle={model.toggleSms}
          />
        </ChannelRow>
        {view.needsConsent ? (
          <View className="reminder-consent">
            <Text className="reminder-consent__title">发送提醒短信需要您单独同意</Text>
            <ConsentText kind="SMS_REMINDERS" compact />
            <Button type="primary" size="large" block loading={pending === 'consent'} onClick={model.giveConsent}>
              同意接收短信提醒
            </Button>
            <Text className="reminder-consent__hint">也可在「我的 → 隐私与授权」中同意或撤回。</Text>
          </View>
        ) : null}
        <ChannelRow
          title="微信服务通知"
          note={
            inMiniProgram
              ? '开启后，微信会询问您接收哪些通知，在微信“服务通知”中查看。'
              : '需在“道路运输电子证照”微信小程序中开启，在微信“服务通知”中查看。'
          }
        >
          <Toggle label="微信服务通知" on={view.wechatOn} busy={pending === 'wechat'} onToggle={model.toggleWechat} />
        </ChannelRow>
        <ChannelRow title="消息中心" note="始终开启：所有提醒都会显示在“消息”里。">
          <Text className="reminder-channel__always">始终开启</Text>
        </ChannelRow>
        <View className="reminder-actions">
          <FormError message={model.notice} />
          <Button size="large" block onClick={() => void navigate('messages')}>
            查看消息
          </Button>
        </View>
      </Card>
      <Card title="关于退订">
        <Text className="reminder-text">
          退订后，不再给您发提醒短信（到期、年审、办理进度等），提醒仍会显示在“消息”里。
        </Text>
        <Text className="reminder-text">
          退订方法：回复提醒短信“TD”，或关闭上方“短信提醒”。重新打开开关即恢复接收。
        </Text>
        <Text className="reminder-text">登录验证码短信不受影响。每晚21点到次日8点不发提醒短信。</Text>
      </Card>
    </View>
  );
}
