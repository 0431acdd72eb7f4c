/**
 * Outgoing SMS behind one small interface, so the sign-in code never knows which
 * provider carries the message. `templateCode` is our logical template; each provider
 * maps it to its own (Alibaba Cloud: an approved template id from configuration).
 */
export const smsTemplates = {
  LOGIN_CODE: {
    /** The text the console stand-in shows; the approved Alibaba Cloud template reads the same. */
    render: (params: Record<string, string>) =>
      `【道路运输电子证照】验证码${params.code}，5分钟内有效。如非本人操作请忽略。`,
  },
} as const;

export type SmsTemplateCode = keyof typeof smsTemplates;

export type SmsMessage = { phone: string; templateCode: SmsTemplateCode; params: Record<string, string> };

export interface SmsProvider {
  readonly name: 'console' | 'aliyun';
  /** Resolves once the provider accepted the message; throws AppError otherwise. */
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}

export function renderSms(templateCode: SmsTemplateCode, params: Record<string, string>): string {
  return smsTemplates[templateCode].render(params);
}
