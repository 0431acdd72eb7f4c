import { renderReminderSms, reminderKindList, type ReminderKind } from '@roadcert/shared';
import { AppError } from '../../errors';

/**
 * Outgoing SMS behind one small interface, so the sign-in code and the reminders never know
 * which provider carries the message. `templateCode` is our logical template; each provider
 * maps it to its own (Alibaba Cloud: an approved template id from configuration).
 */
const reminderTemplates = Object.fromEntries(
  reminderKindList.map((kind) => [
    kind,
    { render: (params: Record<string, string>) => renderReminderSms(kind, params) },
  ]),
) as Record<ReminderKind, { render: (params: Record<string, string>) => string }>;

export const smsTemplates = {
  LOGIN_CODE: {
    /** The text the console stand-in shows; the approved Alibaba Cloud template reads the same. */
    render: (params: Record<string, string>) =>
      `【道路运输电子证照】验证码${params.code}，5分钟内有效。如非本人操作请忽略。`,
  },
  // One per reminder kind: shared/src/reminders/texts.ts (docs/reminders.md).
  ...reminderTemplates,
} as const;

export type SmsTemplateCode = keyof typeof smsTemplates;
export type SmsMessage = {
  phone: string;
  templateCode: SmsTemplateCode;
  params: Record<string, string>;
  /** Our id of the request (Alibaba Cloud OutId): a send that timed out is found again by it. */
  outId?: string;
};
export type SmsBatch = {
  templateCode: SmsTemplateCode;
  items: { phone: string; params: Record<string, string> }[];
  outId: string;
};

/** One message as the provider's query reports it (Alibaba Cloud QuerySendDetails). */
export type SmsSendDetail = {
  /** WAITING: accepted, no receipt yet; FAILED / DELIVERED: the operator's receipt. */
  status: 'WAITING' | 'FAILED' | 'DELIVERED';
  outId: string | null;
  templateCode: string | null;
  errCode: string | null;
  receivedAt: Date | null;
};

/**
 * The provider may or may not have accepted the message (it timed out): never resend before
 * `query` has said it did not.
 */
export class SmsUncertainError extends AppError {
  constructor(cause?: unknown) {
    super('UPSTREAM_UNAVAILABLE', { message: '短信服务暂不可用，请稍后再试', cause });
  }
}

export interface SmsProvider {
  readonly name: 'console' | 'aliyun';
  /** Resolves once the provider accepted the message; throws AppError otherwise (SmsUncertainError: maybe). */
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
  /** Whether our logical template is configured with this provider (reminder kinds may not be). */
  supports(templateCode: SmsTemplateCode): boolean;
  /** One request for up to 100 messages of one template (Alibaba Cloud SendBatchSms). */
  sendBatch(batch: SmsBatch): Promise<{ providerMessageId: string }>;
  /** What the provider knows of messages to one number on one China day (yyyyMMdd). */
  query(query: { phone: string; sendDate: string; bizId?: string }): Promise<SmsSendDetail[]>;
}

export function renderSms(templateCode: SmsTemplateCode, params: Record<string, string>): string {
  return smsTemplates[templateCode].render(params);
}
