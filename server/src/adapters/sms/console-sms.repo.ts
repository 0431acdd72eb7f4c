import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/unit-of-work';

/** A message the console stand-in keeps instead of sending (recipient sealed and blind-indexed). */
export type KeptSms = {
  dedupeKey: string;
  recipientEnc: Prisma.MessageOutboxCreateInput['recipientEnc'];
  recipientHash: string;
  templateCode: string;
  params: Record<string, string>;
  sentAt: Date;
  providerMessageId: string;
  /** The sender's request id (what QuerySendDetails would find it by). */
  outId?: string;
};

const keptRow = (message: KeptSms) => ({
  ...message,
  params: message.params as Prisma.InputJsonObject,
  channel: 'SMS' as const,
  provider: 'console',
  state: 'SENT' as const,
  attempts: 1,
  deliveryState: 'DELIVERED',
  deliveredAt: message.sentAt,
});

/** The console stand-in's rows in MessageOutbox (provider `console`, channel SMS). */
export function createConsoleSmsRepo(db: Db) {
  return {
    keep: async (message: KeptSms) => {
      await db.messageOutbox.create({ data: keptRow(message) });
    },
    keepMany: async (messages: KeptSms[]) => {
      await db.messageOutbox.createMany({ data: messages.map(keptRow) });
    },
    /** Messages to one recipient (by blind index), newest first. */
    listTo: (recipientHash: string, limit: number) =>
      db.messageOutbox.findMany({
        where: { provider: 'console', channel: 'SMS', recipientHash, reminderId: null },
        orderBy: { createdAt: 'desc' },
        take: limit,
        select: { templateCode: true, params: true, createdAt: true },
      }),
    /** Kept messages to one recipient in [from, to) (the stand-in's QuerySendDetails). */
    keptBetween: (recipientHash: string, from: Date, to: Date) =>
      db.messageOutbox.findMany({
        where: {
          provider: 'console',
          channel: 'SMS',
          recipientHash,
          reminderId: null,
          createdAt: { gte: from, lt: to },
        },
        orderBy: { createdAt: 'asc' },
        select: { templateCode: true, outId: true, providerMessageId: true, sentAt: true },
      }),
  };
}
