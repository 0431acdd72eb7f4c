import { chinaToday, type ReminderKind } from '@roadcert/shared';
import type { Logger } from '../../lib/logger';
import { dueSources } from './due-sources';
import type { EnqueueCounts, EnqueueRepo } from './enqueue.repo';

/**
 * The daily scheduler (docs/reminders.md): for `now`'s China day, each scheduled kind's due
 * reminders are inserted with their outbox rows in one set-based statement. Safe to run twice
 * or in two processes at once: the dedupe key's unique index makes the second insert nothing.
 */
export function createScheduler(deps: { enqueue: EnqueueRepo; logger: Logger }) {
  return {
    async run(now = new Date()) {
      const today = chinaToday(now);
      const byKind: Partial<Record<ReminderKind, EnqueueCounts>> = {};
      const started = Date.now();
      for (const source of dueSources(today))
        byKind[source.kind] = await deps.enqueue.enqueue(source.sql, source.values, now);
      const total = Object.values(byKind).reduce(
        (t, c) => ({ reminders: t.reminders + c.reminders, sms: t.sms + c.sms, wechat: t.wechat + c.wechat }),
        { reminders: 0, sms: 0, wechat: 0 },
      );
      deps.logger.info({ today, ms: Date.now() - started, ...total }, 'reminders scheduled');
      return { today, byKind, ...total };
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
