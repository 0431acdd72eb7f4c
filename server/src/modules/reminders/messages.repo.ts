import type { Db } from '../../db/unit-of-work';

const messageSelect = {
  id: true,
  kind: true,
  variant: true,
  params: true,
  targetPath: true,
  createdAt: true,
  readAt: true,
} as const;

/** The holder's side: the in-app list (Reminder rows), preferences, opt-outs, subscription grants. */
export function createMessagesRepo(db: Db) {
  return {
    /** Newest first (ids are UUIDv7, time-ordered); `before`: an id of the previous page. */
    page: (holderId: string, before: string | undefined, take: number) =>
      db.reminder.findMany({
        where: { holderId, ...(before ? { id: { lt: before } } : {}) },
        orderBy: { id: 'desc' },
        take,
        select: messageSelect,
      }),
    unread: (holderId: string) => db.reminder.count({ where: { holderId, readAt: null } }),
    /** 1 when the message is the holder's (and now read), 0 otherwise. */
    async markRead(holderId: string, id: string, at: Date) {
      const own = await db.reminder.findFirst({ where: { id, holderId }, select: { readAt: true } });
      if (!own) return 0;
      if (!own.readAt) await db.reminder.update({ where: { id }, data: { readAt: at } });
      return 1;
    },
    markAllRead: (holderId: string, at: Date) =>
      db.reminder.updateMany({ where: { holderId, readAt: null }, data: { readAt: at } }),

    account: (accountId: string) =>
      db.account.findUnique({
        where: { id: accountId },
        select: { phoneEnc: true, phoneHash: true, phoneMasked: true, holderId: true },
      }),
    holderPhone: (holderId: string) =>
      db.holder.findUnique({ where: { id: holderId }, select: { phoneEnc: true, phoneHash: true, phoneMasked: true } }),
    preference: (accountId: string) => db.reminderPreference.findUnique({ where: { accountId } }),
    savePreference: (accountId: string, change: { sms?: boolean; wechat?: boolean }) =>
      db.reminderPreference.upsert({
        where: { accountId },
        create: { accountId, sms: change.sms ?? true, wechat: change.wechat ?? true },
        update: change,
      }),
    /** The number's digests: one per blind-index key (docs/retention.md, "Key rotation"). */
    optedOut: async (recipientHashes: string[]) =>
      (await db.messageOptOut.count({ where: { recipientHash: { in: recipientHashes } } })) > 0,
    /** One row per digest, with the sealed number (the re-index job moves them to a new key). */
    optOut: (recipientHashes: string[], recipientEnc: Uint8Array<ArrayBuffer>, source: string) =>
      db.messageOptOut.createMany({
        data: recipientHashes.map((recipientHash) => ({ recipientHash, recipientEnc, source })),
        skipDuplicates: true,
      }),
    optIn: (recipientHashes: string[]) =>
      db.messageOptOut.deleteMany({ where: { recipientHash: { in: recipientHashes } } }),
    /** Whether an SMS_REMINDERS consent is in force. */
    consented: async (accountId: string) =>
      (await db.consent.count({ where: { accountId, kind: 'SMS_REMINDERS', withdrawnAt: null } })) > 0,
    /** `accept` of wx.requestSubscribeMessage: one more message with that template. */
    grant: (accountId: string, templateId: string) =>
      db.subscriptionGrant.upsert({
        where: { accountId_templateId: { accountId, templateId } },
        create: { accountId, templateId, remaining: 1 },
        update: { remaining: { increment: 1 } },
      }),
  };
}

export type MessagesRepo = ReturnType<typeof createMessagesRepo>;
