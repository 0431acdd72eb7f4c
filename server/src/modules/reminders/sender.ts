import { randomUUID } from 'node:crypto';
import { SHORT_LINK_TTL_DAYS, renderReminderSms, smsVariables, type ReminderKind } from '@roadcert/shared';
import { SmsUncertainError, type SmsProvider, type SmsTemplateCode } from '../../adapters/sms';
import { AppError } from '../../errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import { chinaDayRange, chinaSendDate, isQuiet, nextMorning, quietEnd } from './quiet-hours';
import type { ClaimedMessage, SenderRepo } from './sender.repo';
import { newShortCode } from './short-code';
import type { ReminderMessaging } from './messaging';
import { contentOf as content, createWechatSender, type SmsFallback } from './send-wechat';
import type { SenderSettings, SendSummary } from './sender-types';

export type { SenderSettings, SendSummary } from './sender-types';

const MAX_ATTEMPTS = 5;
const LEASE_MS = 10 * 60_000;
const MINUTE = 60_000;

/**
 * The sender (docs/reminders.md, "Sender"): drains the reminder outbox in batches claimed with
 * FOR UPDATE SKIP LOCKED, so several processes never take the same row. Quiet hours defer
 * everything due to their end; 退订, a switched-off channel and withdrawn consent are checked now,
 * at send time; the per-number daily cap defers the rest to the next morning. SMS of one kind go
 * out in Alibaba Cloud batches (SendBatchSms, ≤ 100). A provider timeout is never resent blindly:
 * the row becomes UNCERTAIN and the next run asks the provider (QuerySendDetails by OutId).
 */
export function createSender(deps: {
  repo: SenderRepo;
  sms: SmsProvider;
  wechat: ReminderMessaging;
  fieldCrypto: FieldCrypto;
  logger: Logger;
  settings: SenderSettings;
  /** The SMS fallback of undeliverable WeChat notices (enqueue.repo fallbackToSms). */
  smsFallback: SmsFallback;
}) {
  const { repo, sms, wechat, fieldCrypto, logger, settings } = deps;
  const batchSize = settings.batchSize ?? 500;
  const maxRounds = settings.maxRounds ?? 40;
  const grace = settings.uncertainGraceMs ?? 5 * MINUTE;

  const phoneOf = (row: ClaimedMessage) => fieldCrypto.decrypt(row.recipientEnc!, 'phone');

  /** Failed: back off 1, 2, 4, 8 minutes, then DEAD. */
  async function failed(rows: ClaimedMessage[], now: Date, error: string, summary: SendSummary) {
    const dead = rows.filter((r) => r.attempts >= MAX_ATTEMPTS);
    const again = rows.filter((r) => r.attempts < MAX_ATTEMPTS);
    if (dead.length)
      await repo.finish(
        dead.map((r) => r.id),
        'DEAD',
        error,
      );
    for (const r of again) await repo.retry([r.id], new Date(now.getTime() + 2 ** (r.attempts - 1) * MINUTE), error);
    summary.dead += dead.length;
    summary.retried += again.length;
  }

  /** Timed-out and crashed sends: the provider's record decides (sent, or resend after the grace period). */
  async function resolveUncertain(now: Date, summary: SendSummary) {
    const rows = await repo.unresolved(now, new Date(now.getTime() - grace), 200);
    for (const row of rows) {
      if (row.channel !== 'SMS' || !row.outId) {
        // Never reached a provider (no request id), or a WeChat notice (no query API: not resent).
        if (row.outId) await repo.finish([row.id], 'DEAD', 'timeout_unconfirmed');
        else await repo.retry([row.id], now, 'interrupted_before_send');
        continue;
      }
      const phone = phoneOf(row);
      const days = [
        ...new Set([chinaSendDate(new Date()), chinaSendDate(new Date(Date.now() - 86_400_000)), chinaSendDate(now)]),
      ];
      let found = false;
      try {
        for (const sendDate of days) {
          const details = await sms.query({ phone, sendDate });
          if (details.some((d) => d.outId === row.outId)) found = true;
          if (found) break;
        }
      } catch (err) {
        logger.warn(
          { outboxId: row.id, err: (err as Error).name },
          'reminder SMS: provider query failed; asking again later',
        );
        continue;
      }
      if (found) {
        await repo.markSent([row.id], now, null, sms.name);
        summary.resolvedSent += 1;
      } else if (row.stale) {
        await repo.retry([row.id], now, 'not_at_provider_after_timeout');
        summary.resolvedResend += 1;
      }
    }
  }

  async function sendSms(rows: ClaimedMessage[], now: Date, summary: SendSummary) {
    const noNumber = rows.filter((r) => !r.recipientEnc || !r.recipientHash);
    const noTemplate = rows.filter((r) => r.recipientEnc && !sms.supports(r.kind as SmsTemplateCode));
    if (noNumber.length)
      await repo.finish(
        noNumber.map((r) => r.id),
        'DEAD',
        'no_recipient',
      );
    if (noTemplate.length)
      await repo.finish(
        noTemplate.map((r) => r.id),
        'SUPPRESSED',
        'template_not_configured',
      );
    summary.dead += noNumber.length;
    summary.suppressed += noTemplate.length;
    const candidates = rows.filter((r) => !noNumber.includes(r) && !noTemplate.includes(r));

    // The per-number daily cap: what was sent today plus what this batch adds.
    const [dayStart, dayEnd] = chinaDayRange(now);
    const counts = await repo.sentPerNumber([...new Set(candidates.map((r) => r.recipientHash!))], dayStart, dayEnd);
    const toSend: ClaimedMessage[] = [];
    const capped: ClaimedMessage[] = [];
    for (const row of candidates) {
      const n = counts.get(row.recipientHash!) ?? 0;
      if (n >= settings.smsDailyCap) capped.push(row);
      else {
        counts.set(row.recipientHash!, n + 1);
        toSend.push(row);
      }
    }
    if (capped.length)
      await repo.defer(
        capped.map((r) => r.id),
        nextMorning(now, settings.quietHours),
        'DAILY_CAP',
      );
    summary.deferred += capped.length;
    if (toSend.length === 0) return;

    const codes = await repo.shortLinks(
      toSend.map((r) => ({
        reminderId: r.reminderId,
        code: newShortCode(),
        targetPath: r.targetPath ?? 'pages/index/index',
      })),
      // From the later of the run's clock and real time: a clock moved back (admin --at) must not
      // produce links that are dead on arrival.
      new Date(Math.max(now.getTime(), Date.now()) + SHORT_LINK_TTL_DAYS * 86_400_000),
      now,
    );
    const byKind = new Map<string, { row: ClaimedMessage; phone: string; params: Record<string, string> }[]>();
    for (const row of toSend) {
      const code = codes.get(row.reminderId);
      if (!code) continue; // a code collision: the row stays SENDING and is resolved as never sent
      let phone: string;
      try {
        phone = phoneOf(row);
      } catch {
        // A sealed number no key opens any more (rotated out before re-encryption): never retried.
        await repo.finish([row.id], 'DEAD', 'recipient_unreadable');
        summary.dead += 1;
        continue;
      }
      const params = smsVariables(content(row), `${settings.publicBaseUrl}/s/${code}`);
      const text = renderReminderSms(row.kind as ReminderKind, params);
      if ([...text].length > 70)
        logger.warn({ kind: row.kind, chars: [...text].length }, 'reminder SMS longer than one segment');
      const group = byKind.get(row.kind) ?? [];
      group.push({ row, phone, params });
      byKind.set(row.kind, group);
    }
    for (const [kind, items] of byKind) {
      for (let i = 0; i < items.length; i += 100)
        await sendChunk(kind as SmsTemplateCode, items.slice(i, i + 100), now, summary);
    }
  }

  async function sendChunk(
    templateCode: SmsTemplateCode,
    items: { row: ClaimedMessage; phone: string; params: Record<string, string> }[],
    now: Date,
    summary: SendSummary,
  ) {
    const ids = items.map((i) => i.row.id);
    const outId = randomUUID().replace(/-/g, '');
    await repo.setOutId(ids, outId);
    try {
      const { providerMessageId } =
        items.length === 1
          ? await sms.send({ phone: items[0]!.phone, templateCode, params: items[0]!.params, outId })
          : await sms.sendBatch({
              templateCode,
              items: items.map((i) => ({ phone: i.phone, params: i.params })),
              outId,
            });
      await repo.markSent(ids, now, providerMessageId, sms.name, sms.name === 'console');
      summary.sent += items.length;
    } catch (err) {
      if (err instanceof SmsUncertainError) {
        await repo.uncertain(ids, now);
        summary.uncertain += items.length;
        return;
      }
      const code = err instanceof AppError ? err.code : 'INTERNAL';
      logger.warn({ templateCode, count: items.length, code }, 'reminder SMS not accepted');
      if (code === 'VALIDATION_FAILED' && items.length === 1) {
        await repo.finish(ids, 'DEAD', 'number_refused');
        summary.dead += 1;
        return;
      }
      await failed(
        items.map((i) => i.row),
        now,
        `provider:${code}`,
        summary,
      );
    }
  }

  const sendWechat = createWechatSender({ repo, wechat, settings, failed, smsFallback: deps.smsFallback });

  return {
    /** One pass at `now` (injectable clock): resolve timeouts, then send what is due. */
    async run(now = new Date()): Promise<SendSummary> {
      const summary: SendSummary = {
        sent: 0,
        deferred: 0,
        suppressed: 0,
        retried: 0,
        dead: 0,
        uncertain: 0,
        resolvedSent: 0,
        resolvedResend: 0,
        cancelled: 0,
        fallback: 0,
      };
      await resolveUncertain(now, summary);
      if (isQuiet(now, settings.quietHours)) {
        summary.deferred += await repo.deferAll(now, quietEnd(now, settings.quietHours), 'QUIET_HOURS');
        return summary;
      }
      summary.suppressed += await repo.suppressBlocked(now);
      summary.cancelled += await repo.cancelWhileRenewing(now);
      for (let round = 0; round < maxRounds; round += 1) {
        const rows = await repo.claim(now, batchSize, new Date(now.getTime() + LEASE_MS));
        if (rows.length === 0) break;
        await sendSms(
          rows.filter((r) => r.channel === 'SMS'),
          now,
          summary,
        );
        await sendWechat(
          rows.filter((r) => r.channel === 'WECHAT_SUBSCRIBE'),
          now,
          summary,
        );
      }
      return summary;
    },
  };
}

export type Sender = ReturnType<typeof createSender>;
