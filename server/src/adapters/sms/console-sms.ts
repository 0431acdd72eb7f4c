import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/unit-of-work';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import { createConsoleSmsRepo, type KeptSms } from './console-sms.repo';
import { renderSms, smsTemplates, type SmsProvider, type SmsTemplateCode } from './sms-provider';

/**
 * LOCAL STAND-IN for an SMS provider (embedded default; production configuration
 * refuses it). Nothing is sent: the message is kept in MessageOutbox (provider
 * `console`, state SENT) so a local user can read it at GET /api/v1/dev/sms-outbox.
 * The log line names the template and message id only, never the number or the code.
 * Batches are kept message by message; `query` answers from the kept rows, every one
 * "delivered", as Alibaba Cloud's QuerySendDetails would.
 */
export function createConsoleSms(deps: { prisma: Db; fieldCrypto: FieldCrypto; logger: Logger }): SmsProvider {
  const outbox = createConsoleSmsRepo(deps.prisma);
  const kept = (
    phone: string,
    templateCode: SmsTemplateCode,
    params: Record<string, string>,
    providerMessageId: string,
    outId?: string,
  ): KeptSms => ({
    dedupeKey: `${providerMessageId}:${phone.slice(-4)}:${randomUUID().slice(0, 8)}`,
    recipientEnc: deps.fieldCrypto.encrypt(phone, 'recipient'),
    recipientHash: deps.fieldCrypto.blindIndex(phone, 'phone'),
    templateCode,
    params,
    sentAt: new Date(),
    providerMessageId,
    outId,
  });
  const log = (templateCode: string, providerMessageId: string, count = 1) =>
    deps.logger.info(
      { smsProvider: 'console', standIn: true, templateCode, providerMessageId, count },
      'SMS stand-in: message kept in the local outbox, not sent',
    );
  return {
    name: 'console',
    supports: () => true,
    async send({ phone, templateCode, params, outId }) {
      const providerMessageId = `console-${randomUUID()}`;
      const message = kept(phone, templateCode, params, providerMessageId, outId);
      await outbox.keep({ ...message, dedupeKey: providerMessageId });
      log(templateCode, providerMessageId);
      return { providerMessageId };
    },
    async sendBatch({ templateCode, items, outId }) {
      const providerMessageId = `console-${randomUUID()}`;
      await outbox.keepMany(items.map((i) => kept(i.phone, templateCode, i.params, providerMessageId, outId)));
      log(templateCode, providerMessageId, items.length);
      return { providerMessageId };
    },
    async query({ phone, sendDate, bizId }) {
      // sendDate is a China day: [00:00, 24:00) +08:00.
      const from = new Date(`${sendDate.slice(0, 4)}-${sendDate.slice(4, 6)}-${sendDate.slice(6, 8)}T00:00:00+08:00`);
      const rows = await outbox.keptBetween(
        deps.fieldCrypto.blindIndex(phone, 'phone'),
        from,
        new Date(from.getTime() + 86_400_000),
      );
      return rows
        .filter((r) => !bizId || r.providerMessageId === bizId)
        .map((r) => ({
          status: 'DELIVERED' as const,
          outId: r.outId,
          templateCode: r.templateCode,
          errCode: 'DELIVERED',
          receivedAt: r.sentAt,
        }));
    },
  };
}

/** The stand-in's messages to one number, newest first (for the local outbox page). */
export async function listConsoleSms(deps: { prisma: Db; fieldCrypto: FieldCrypto }, phone: string, limit = 10) {
  const rows = await createConsoleSmsRepo(deps.prisma).listTo(deps.fieldCrypto.blindIndex(phone, 'phone'), limit);
  return rows.map((r) => ({
    text:
      r.templateCode in smsTemplates
        ? renderSms(r.templateCode as SmsTemplateCode, r.params as Record<string, string>)
        : `[${r.templateCode}] ${JSON.stringify(r.params)}`,
    createdAt: r.createdAt,
  }));
}
