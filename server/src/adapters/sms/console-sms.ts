import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/unit-of-work';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import { createConsoleSmsRepo } from './console-sms.repo';
import { renderSms, smsTemplates, type SmsProvider, type SmsTemplateCode } from './sms-provider';

/**
 * LOCAL STAND-IN for an SMS provider (embedded default; production configuration
 * refuses it). Nothing is sent: the message is kept in MessageOutbox (provider
 * `console`, state SENT) so a local user can read it at GET /api/v1/dev/sms-outbox.
 * The log line names the template and message id only, never the number or the code.
 */
export function createConsoleSms(deps: { prisma: Db; fieldCrypto: FieldCrypto; logger: Logger }): SmsProvider {
  const outbox = createConsoleSmsRepo(deps.prisma);
  return {
    name: 'console',
    async send({ phone, templateCode, params }) {
      const providerMessageId = `console-${randomUUID()}`;
      await outbox.keep({
        dedupeKey: providerMessageId,
        recipientEnc: deps.fieldCrypto.encrypt(phone, 'recipient'),
        recipientHash: deps.fieldCrypto.blindIndex(phone, 'phone'),
        templateCode,
        params,
        sentAt: new Date(),
        providerMessageId,
      });
      deps.logger.info(
        { smsProvider: 'console', standIn: true, templateCode, providerMessageId },
        'SMS stand-in: message kept in the local outbox, not sent',
      );
      return { providerMessageId };
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
