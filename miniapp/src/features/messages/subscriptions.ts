import { reminderKindList, type ReminderKind } from '@roadcert/shared';
import { readEntry, writeEntry } from '../../lib/keyed-storage';
import { toApiError } from '../../lib/api-error';
import { requestSubscribeMessage, subscribeMessageSupported } from '../../lib/subscribe-message';
import {
  fetchSubscriptionTemplates,
  saveSubscriptionAnswers,
  type SubscriptionAnswer,
  type SubscriptionTemplate,
} from './api';

/**
 * Asking for WeChat subscription messages (订阅消息) at the natural moments: the tap that
 * activates a certificate, the tap that submits an application, and switching 微信服务通知 on.
 * WeChat shows its dialog only inside a tap and only for template ids known at that instant, so
 * the ids are fetched ahead (`prefetchSubscriptionTemplates` when the page opens) and kept; the
 * ask itself starts synchronously in the tap handler and is never awaited by the journey.
 * Mini-program only: in the portal every function here does nothing.
 */

export type SubscribeMoment = 'activated' | 'submitted' | 'settings';

/** What each moment is about, most useful first; WeChat takes at most three templates at once. */
const KINDS_BY_MOMENT: Record<SubscribeMoment, ReminderKind[]> = {
  activated: ['EXPIRY', 'REVIEW_DUE', 'MISSING_DATA', 'EXPIRED'],
  submitted: ['APPLICATION_STATUS', 'MISSING_DATA', 'EXPIRY'],
  settings: ['EXPIRY', 'APPLICATION_STATUS', 'REVIEW_DUE', 'MISSING_DATA'],
};
const MAX_TEMPLATES_PER_ASK = 3;
const CACHE_KEY = 'subscriptionTemplates';
export const TEMPLATE_CACHE_MS = 12 * 60 * 60 * 1000;

const ANSWERS: ReadonlySet<string> = new Set(['accept', 'reject', 'ban', 'filter']);

/** Up to three distinct template ids for the moment's kinds, in the moment's order. */
export function templateIdsFor(templates: SubscriptionTemplate[], moment: SubscribeMoment): string[] {
  const ids: string[] = [];
  for (const kind of KINDS_BY_MOMENT[moment]) {
    const id = templates.find((template) => template.kind === kind)?.templateId;
    if (id && !ids.includes(id) && ids.length < MAX_TEMPLATES_PER_ASK) ids.push(id);
  }
  return ids;
}

/** WeChat answers per template id; the server wants them per reminder kind (kinds may share a template). */
export function answersByKind(
  templates: SubscriptionTemplate[],
  answers: Record<string, string>,
): Partial<Record<ReminderKind, SubscriptionAnswer>> {
  const byKind: Partial<Record<ReminderKind, SubscriptionAnswer>> = {};
  for (const template of templates) {
    const answer = answers[template.templateId];
    if (answer && ANSWERS.has(answer)) byKind[template.kind] = answer as SubscriptionAnswer;
  }
  return byKind;
}

function isTemplate(value: unknown): value is SubscriptionTemplate {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, templateId } = value as { kind?: unknown; templateId?: unknown };
  return typeof templateId === 'string' && (reminderKindList as readonly unknown[]).includes(kind);
}

/** The kept template ids, when fresh. */
export function cachedTemplates(now = Date.now()): SubscriptionTemplate[] | null {
  const stored = readEntry(CACHE_KEY);
  if (typeof stored !== 'object' || stored === null) return null;
  const { at, templates } = stored as { at?: unknown; templates?: unknown };
  if (typeof at !== 'number' || now - at > TEMPLATE_CACHE_MS || now < at || !Array.isArray(templates)) return null;
  return templates.filter(isTemplate);
}

function logQuietly(what: string, cause: unknown): void {
  const error = toApiError(cause);
  console.warn(`[subscriptions] ${what} failed: ${error.code}${error.code === 'INTERNAL' ? ` ${String(cause)}` : ''}`);
}

/** A moment answered is not asked again for a while (a second tap on 提交 after a fix, say). */
const ASK_AGAIN_AFTER_MS = 30 * 60 * 1000;
const answeredAt = new Map<SubscribeMoment, number>();

let inFlight: Promise<SubscriptionTemplate[] | null> | null = null;

/** Reads the template ids once per half day, so a later tap can ask at once. Never throws. */
export function prefetchSubscriptionTemplates(now = Date.now()): Promise<SubscriptionTemplate[] | null> {
  if (!subscribeMessageSupported()) return Promise.resolve(null);
  const cached = cachedTemplates(now);
  if (cached) return Promise.resolve(cached);
  inFlight ??= fetchSubscriptionTemplates()
    .then((templates) => {
      writeEntry(CACHE_KEY, { at: now, templates });
      return templates;
    })
    .catch((cause: unknown) => {
      logQuietly('templates', cause);
      return null;
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/**
 * Asks for the moment's subscriptions and records the answers. Call it synchronously from the
 * tap handler (WeChat refuses it after an await); do not await it — the journey goes on, and a
 * failure is only logged. Resolves true when answers were recorded.
 */
export function askForReminders(moment: SubscribeMoment, now = Date.now()): Promise<boolean> {
  if (!subscribeMessageSupported()) return Promise.resolve(false);
  const answered = answeredAt.get(moment);
  if (answered !== undefined && now - answered < ASK_AGAIN_AFTER_MS) return Promise.resolve(false);
  const templates = cachedTemplates();
  if (!templates) {
    // Nothing to ask with yet: fetch for the next moment rather than wait (the tap would expire).
    void prefetchSubscriptionTemplates();
    return Promise.resolve(false);
  }
  const ids = templateIdsFor(templates, moment);
  if (ids.length === 0) return Promise.resolve(false);
  return requestSubscribeMessage(ids)
    .then(async (answers) => {
      const results = answersByKind(templates, answers);
      if (Object.keys(results).length === 0) return false;
      await saveSubscriptionAnswers(results);
      answeredAt.set(moment, now);
      return true;
    })
    .catch((cause: unknown) => {
      logQuietly(`ask (${moment})`, cause);
      return false;
    });
}
