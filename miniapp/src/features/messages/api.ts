import {
  messageListSchema,
  reminderPreferencesSchema,
  subscriptionTemplatesSchema,
  type MessageList,
  type ReminderKind,
  type ReminderPreferences,
} from '@roadcert/shared';
import { getJson, postJson, request } from '../../lib/request';

/**
 * The holder's side of reminders: 消息 (the in-app list), 消息提醒 (channels) and the WeChat
 * subscription answers. The wallet's badge reads unread.ts instead, to keep the main package small.
 */

const MESSAGES = '/api/v1/me/messages';

/** Newest first; `before` is the previous page's `nextCursor`. */
export function fetchMessages(before?: string): Promise<MessageList> {
  return getJson(MESSAGES, messageListSchema, before ? { before } : undefined);
}

export async function markMessageRead(id: string): Promise<void> {
  await postJson(`${MESSAGES}/${encodeURIComponent(id)}/read`, {});
}

export async function markAllMessagesRead(): Promise<void> {
  await postJson(`${MESSAGES}/read-all`, {});
}

const PREFERENCES = '/api/v1/me/reminder-preferences';

export function fetchReminderPreferences(): Promise<ReminderPreferences> {
  return getJson(PREFERENCES, reminderPreferencesSchema);
}

export function updateReminderPreferences(change: { sms?: boolean; wechat?: boolean }): Promise<ReminderPreferences> {
  return request({ path: PREFERENCES, method: 'PUT', data: change, schema: reminderPreferencesSchema });
}

export type SubscriptionTemplate = { kind: ReminderKind; templateId: string };
export type SubscriptionAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export async function fetchSubscriptionTemplates(): Promise<SubscriptionTemplate[]> {
  const { templates } = await getJson('/api/v1/me/subscriptions/templates', subscriptionTemplatesSchema);
  return templates;
}

/** Answers per reminder kind (the server maps kinds to its template ids). */
export async function saveSubscriptionAnswers(
  results: Partial<Record<ReminderKind, SubscriptionAnswer>>,
): Promise<void> {
  await postJson('/api/v1/me/subscriptions', { results });
}
