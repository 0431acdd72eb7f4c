import type { ReminderPreferences } from '@roadcert/shared';

/**
 * 消息提醒 as shown: the two switches and the sentences under them. Pure, from the server's
 * preferences (GET /api/v1/me/reminder-preferences).
 */
export interface PreferencesView {
  /** The 短信提醒 switch: on only when chosen, not 退订, consented and there is a phone. */
  smsOn: boolean;
  /** The switch can be used (consent given and a phone to send to). */
  smsUsable: boolean;
  smsNote: string;
  wechatOn: boolean;
  /** SMS_REMINDERS consent is missing: the page explains it and offers to give it. */
  needsConsent: boolean;
}

export function preferencesView(preferences: ReminderPreferences): PreferencesView {
  const { sms, smsOptedOut, consented, phoneMasked } = preferences;
  const smsUsable = consented && phoneMasked !== null;
  let smsNote: string;
  if (!phoneMasked) smsNote = '账号未绑定手机号，无法接收短信提醒。';
  else if (!consented) smsNote = `同意后，提醒短信将发送至 ${phoneMasked}。`;
  else if (smsOptedOut) smsNote = `您已退订提醒短信（${phoneMasked}）。打开开关即恢复接收。`;
  else if (sms) smsNote = `提醒短信发送至 ${phoneMasked}。`;
  else smsNote = `已关闭，${phoneMasked} 不会收到提醒短信。`;
  return {
    smsOn: sms && !smsOptedOut && smsUsable,
    smsUsable,
    smsNote,
    wechatOn: preferences.wechat,
    needsConsent: !consented,
  };
}

/** What turning the 短信提醒 switch sends. Turning it on again also withdraws a 退订 (server side). */
export function smsChange(view: PreferencesView): { sms: boolean } {
  return { sms: !view.smsOn };
}
