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
};

/** The console stand-in's rows in MessageOutbox (provider `console`, channel SMS). */
export function createConsoleSmsRepo(db: Db) {
  return {
    keep: async (message: KeptSms) => {
      await db.messageOutbox.create({
        data: {
          ...message,
          params: message.params as Prisma.InputJsonObject,
          channel: 'SMS',
          provider: 'console',
          state: 'SENT',
          attempts: 1,
        },
      });
    },

    /** Messages to one recipient (by blind index), newest first. */
    listTo: (recipientHash: string, limit: number) =>
      db.messageOutbox.findMany({
        where: { provider: 'console', channel: 'SMS', recipientHash },
        orderBy: { createdAt: 'desc' },
        take: limit,
        select: { templateCode: true, params: true, createdAt: true },
      }),
  };
}
