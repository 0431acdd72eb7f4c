import type { ReminderPreferences } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { preferencesView, smsChange } from './preferences';

const base: ReminderPreferences = {
  sms: true,
  wechat: false,
  smsOptedOut: false,
  consented: true,
  phoneMasked: '138****8003',
};

describe('preferencesView', () => {
  it('SMS on: says where they go', () => {
    const view = preferencesView(base);
    expect(view).toMatchObject({ smsOn: true, smsUsable: true, needsConsent: false, wechatOn: false });
    expect(view.smsNote).toBe('提醒短信发送至 138****8003。');
    expect(smsChange(view)).toEqual({ sms: false });
  });

  it('退订 (a TD reply) shows the switch off and how to undo it', () => {
    const view = preferencesView({ ...base, smsOptedOut: true });
    expect(view.smsOn).toBe(false);
    expect(view.smsNote).toContain('您已退订');
    expect(smsChange(view)).toEqual({ sms: true });
  });

  it('without consent: switch off and unusable, the page asks for consent', () => {
    const view = preferencesView({ ...base, consented: false });
    expect(view).toMatchObject({ smsOn: false, smsUsable: false, needsConsent: true });
    expect(view.smsNote).toBe('同意后，提醒短信将发送至 138****8003。');
  });

  it('without a phone: nothing to send SMS to', () => {
    const view = preferencesView({ ...base, phoneMasked: null });
    expect(view).toMatchObject({ smsOn: false, smsUsable: false });
    expect(view.smsNote).toBe('账号未绑定手机号，无法接收短信提醒。');
  });

  it('turned off by the holder', () => {
    expect(preferencesView({ ...base, sms: false }).smsNote).toBe('已关闭，138****8003 不会收到提醒短信。');
  });
});
