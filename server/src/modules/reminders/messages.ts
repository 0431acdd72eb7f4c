import {
  reminderKindList,
  reminderMessage,
  type MessageList,
  type ReminderKind,
  type ReminderPreferences,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import { isUuid } from '../../lib/ids';
import type { AuthState } from '../account';
import type { MessagesRepo } from './messages.repo';

const PAGE = 20;

type MessageRow = Awaited<ReturnType<MessagesRepo['page']>>[number];

/** A Reminder row as a message of 消息 (title and body rendered from shared/src/reminders). */
export function presentMessage(row: MessageRow) {
  const { title, body } = reminderMessage({
    kind: row.kind as ReminderKind,
    variant: row.variant,
    params: (row.params ?? {}) as Record<string, string>,
  });
  return {
    id: row.id,
    kind: row.kind as ReminderKind,
    title,
    body,
    targetPath: row.targetPath,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * The holder's messages and channel choices (我的 → 消息提醒). The list is the signed-in account's
 * holder's (an account before real-name binding has none); an operator member sees their own
 * holder's only — the operator's reminders go to the operator's number on record.
 */
export function createHolderMessages(deps: {
  repo: MessagesRepo;
  templates: Partial<Record<ReminderKind, string>>;
  fieldCrypto: Pick<FieldCrypto, 'decrypt' | 'blindIndexes'>;
  now: () => Date;
}) {
  const { repo, fieldCrypto } = deps;
  const holderOf = (state: AuthState) => state.auth?.holderId ?? null;

  /**
   * The number reminders go to (the account's, else the holder record's): its digests under every
   * blind-index key and its sealed form, as 退订 stores them.
   */
  async function reminderNumber(accountId: string) {
    const account = await repo.account(accountId);
    const holderPhone = !account?.phoneEnc && account?.holderId ? await repo.holderPhone(account.holderId) : null;
    const enc = account?.phoneEnc ?? holderPhone?.phoneEnc ?? null;
    const masked = account?.phoneMasked ?? holderPhone?.phoneMasked ?? null;
    if (!enc) return { hashes: null, enc: null, masked };
    return { hashes: fieldCrypto.blindIndexes(fieldCrypto.decrypt(enc, 'phone'), 'phone'), enc, masked };
  }

  async function preferences(state: AuthState): Promise<ReminderPreferences> {
    const accountId = state.auth!.accountId;
    const number = await reminderNumber(accountId);
    const [pref, optedOut, consented] = await Promise.all([
      repo.preference(accountId),
      number.hashes ? repo.optedOut(number.hashes) : Promise.resolve(false),
      repo.consented(accountId),
    ]);
    return {
      sms: (pref?.sms ?? true) && !optedOut,
      wechat: pref?.wechat ?? true,
      smsOptedOut: optedOut,
      consented,
      phoneMasked: number.masked,
    };
  }

  return {
    async list(state: AuthState, before: string | undefined): Promise<MessageList> {
      const holderId = holderOf(state);
      if (!holderId) return { items: [], nextCursor: null, unread: 0 };
      const rows = await repo.page(holderId, before, PAGE + 1);
      const items = rows.slice(0, PAGE).map(presentMessage);
      return {
        items,
        nextCursor: rows.length > PAGE ? (items.at(-1)?.id ?? null) : null,
        unread: await repo.unread(holderId),
      };
    },
    async unread(state: AuthState) {
      const holderId = holderOf(state);
      return { unread: holderId ? await repo.unread(holderId) : 0 };
    },
    /** Another holder's id, or no such id: 404 (nothing says which). */
    async read(state: AuthState, id: string) {
      const holderId = holderOf(state);
      if (!holderId || !isUuid(id) || (await repo.markRead(holderId, id, deps.now())) === 0)
        throw new AppError('NOT_FOUND', { message: '消息不存在' });
    },
    async readAll(state: AuthState) {
      const holderId = holderOf(state);
      if (holderId) await repo.markAllRead(holderId, deps.now());
      return { unread: 0 };
    },

    preferences,
    /** `sms: false` is 退订 of the number (honoured for every account on it); `true` withdraws it. */
    async updatePreferences(state: AuthState, change: { sms?: boolean; wechat?: boolean }) {
      const accountId = state.auth!.accountId;
      await repo.savePreference(accountId, change);
      if (change.sms !== undefined) {
        const number = await reminderNumber(accountId);
        if (number.hashes && number.enc)
          await (change.sms ? repo.optIn(number.hashes) : repo.optOut(number.hashes, number.enc, 'SETTINGS'));
      }
      return preferences(state);
    },

    templates: () => ({
      templates: reminderKindList.flatMap((kind) => {
        const templateId = deps.templates[kind];
        return templateId ? [{ kind, templateId }] : [];
      }),
    }),
    /** wx.requestSubscribeMessage's answers, by kind (or template id): each `accept` is one more notice. */
    async subscribe(state: AuthState, results: Record<string, string>) {
      const accountId = state.auth!.accountId;
      const known = new Map<string, string>(
        Object.entries(deps.templates).flatMap(([kind, id]) =>
          id
            ? [
                [kind, id],
                [id, id],
              ]
            : [],
        ),
      );
      let granted = 0;
      for (const [key, answer] of Object.entries(results)) {
        const templateId = known.get(key);
        if (answer !== 'accept' || !templateId) continue;
        await repo.grant(accountId, templateId);
        granted += 1;
      }
      return granted;
    },
  };
}

export type HolderMessages = ReturnType<typeof createHolderMessages>;
