import type { ReminderPreferences } from '@roadcert/shared';
import { useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { toApiError } from '../../lib/api-error';
import { grantConsent } from '../consent/api';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchReminderPreferences, updateReminderPreferences } from './api';
import { preferencesView, smsChange } from './preferences';
import { askForReminders } from './subscriptions';
import { useSubscriptionPrefetch } from './useSubscriptionPrefetch';

type Pending = 'sms' | 'wechat' | 'consent' | null;

/** 消息提醒 in 我的: the channels, switched one at a time, and the SMS consent when missing. */
export function useReminderPreferences() {
  const remote = useRemote(fetchReminderPreferences, (error) => followErrorNavigation(error));
  // The server's answer to the last change, shown until the next load.
  const [changed, setChanged] = useState<ReminderPreferences | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useSubscriptionPrefetch();

  const preferences = changed ?? (remote.state.status === 'ready' ? remote.state.data : null);
  const view = preferences ? preferencesView(preferences) : null;

  async function run(kind: Exclude<Pending, null>, action: () => Promise<ReminderPreferences | null>): Promise<void> {
    if (pending) return;
    setPending(kind);
    setNotice(null);
    try {
      const next = await action();
      if (next) setChanged(next);
    } catch (cause) {
      const error = toApiError(cause);
      if (!followErrorNavigation(error)) setNotice(`未能保存：${error.message}`);
    } finally {
      setPending(null);
    }
  }

  function toggleSms(): void {
    if (!view?.smsUsable) return;
    void run('sms', () => updateReminderPreferences(smsChange(view)));
  }

  function toggleWechat(): void {
    if (!view) return;
    const on = !view.wechatOn;
    // Mini-program: turning it on is the moment to ask WeChat (inside this tap, not awaited).
    if (on) void askForReminders('settings');
    void run('wechat', () => updateReminderPreferences({ wechat: on }));
  }

  /** Records the 短信提醒 consent (the same one 隐私与授权 shows), then reads the channels again. */
  function giveConsent(): void {
    void run('consent', async () => {
      await grantConsent('SMS_REMINDERS');
      setChanged(null);
      await remote.reload();
      return null;
    });
  }

  async function reload(): Promise<void> {
    setChanged(null);
    await remote.reload();
  }

  return { state: remote.state, view, pending, notice, toggleSms, toggleWechat, giveConsent, reload };
}

export type ReminderPreferencesModel = ReturnType<typeof useReminderPreferences>;
