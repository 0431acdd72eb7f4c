import { z } from 'zod';
import { isoDateSchema } from './common';

/**
 * Reminders that lead into the app (短信提醒, 订阅消息, 消息): the HTTP contracts of the holder's
 * message list and channel choices, the short links SMS carry, and the staff reminders view.
 * Rules per kind: shared/src/reminders; server: server/src/modules/reminders; docs/reminders.md.
 */

/**
 * What a reminder is about. EXPIRY: 有效期 ends in 90/30/7 days; EXPIRED: the day after;
 * REVIEW_DUE: 年审 (vehicles) or 诚信考核 (drivers) due, with a conversion invitation for paper/IC;
 * MISSING_DATA: a completion task opened or still open; APPLICATION_STATUS: returned, issued,
 * rejected; ACTIVATION: an electronic certificate not yet activated; CONVERSION: a staff
 * invitation to convert a paper/IC certificate to the electronic one.
 */
export const reminderKindList = [
  'EXPIRY',
  'EXPIRED',
  'REVIEW_DUE',
  'MISSING_DATA',
  'APPLICATION_STATUS',
  'ACTIVATION',
  'CONVERSION',
] as const;
export type ReminderKind = (typeof reminderKindList)[number];
export const reminderKindLabels: Record<ReminderKind, string> = {
  EXPIRY: '证照即将到期',
  EXPIRED: '证照已过期',
  REVIEW_DUE: '年审/诚信考核提醒',
  MISSING_DATA: '信息待补充',
  APPLICATION_STATUS: '办理进度',
  ACTIVATION: '电子证照待激活',
  CONVERSION: '换领电子证照',
};

export const messageChannelList = ['SMS', 'WECHAT_SUBSCRIBE', 'IN_APP'] as const;
export type MessageChannel = (typeof messageChannelList)[number];
export const messageChannelLabels: Record<MessageChannel, string> = {
  SMS: '短信',
  WECHAT_SUBSCRIBE: '微信服务通知',
  IN_APP: '消息中心',
};

/**
 * One message in 消息 (GET /api/v1/me/messages). `targetPath` is a page of the app with its query
 * (a route of miniapp/src/lib/routes.ts, no leading slash), e.g.
 * `pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=…`; null: nothing to open.
 */
export const messageSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(reminderKindList),
  title: z.string(),
  body: z.string(),
  targetPath: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type MessageView = z.infer<typeof messageSchema>;

export const messageListSchema = z.object({
  items: z.array(messageSchema),
  /** Pass as `?before=` for the next (older) page; null: no more. */
  nextCursor: z.string().nullable(),
  unread: z.number().int().nonnegative(),
});
export type MessageList = z.infer<typeof messageListSchema>;

/** GET /api/v1/me/messages/unread — the wallet's badge. */
export const unreadCountSchema = z.object({ unread: z.number().int().nonnegative() });

/**
 * GET/PUT /api/v1/me/reminder-preferences — the holder's channels (我的 → 消息提醒). IN_APP is
 * always on. `smsOptedOut` is the 退订 state of the signed-in phone (TD reply or this switch);
 * turning `sms` on again withdraws the opt-out. `consented` says whether SMS_REMINDERS consent is
 * on record (without it nothing but the in-app list is used).
 */
export const reminderPreferencesSchema = z.object({
  sms: z.boolean(),
  wechat: z.boolean(),
  smsOptedOut: z.boolean(),
  consented: z.boolean(),
  /** Masked phone the SMS go to, or null when the account has none. */
  phoneMasked: z.string().nullable(),
});
export type ReminderPreferences = z.infer<typeof reminderPreferencesSchema>;
export const reminderPreferencesUpdateSchema = z
  .object({ sms: z.boolean().optional(), wechat: z.boolean().optional() })
  .strict();

/**
 * POST /api/v1/me/subscriptions — what wx.requestSubscribeMessage answered, per our reminder
 * kind (the server maps kinds to its configured template ids; GET /api/v1/me/subscriptions/templates
 * gives the ids to ask for: `{ templates: { kind, templateId }[] }`).
 */
export const subscriptionTemplatesSchema = z.object({
  templates: z.array(z.object({ kind: z.enum(reminderKindList), templateId: z.string() })),
});
export const subscriptionResultSchema = z
  .object({ results: z.record(z.string().max(64), z.enum(['accept', 'reject', 'ban', 'filter'])) })
  .strict();

/**
 * GET /api/v1/short-links/:code — what the landing page of `PUBLIC_BASE_URL/s/<code>` needs:
 * where to go in the portal, and a WeChat URL Link that opens the same page in the mini-program
 * (generated when the link is first opened, cached; null when WeChat could not make one).
 */
export const shortLinkSchema = z.object({
  targetPath: z.string(),
  portalUrl: z.string(),
  miniProgramUrl: z.string().nullable(),
  /** 'stand-in' when the WeChat link client is the local stand-in (embedded default). */
  linkProvider: z.enum(['wechat', 'stand-in']),
});
export type ShortLinkView = z.infer<typeof shortLinkSchema>;

const channelTotalsSchema = z.object({
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
});

/** GET /api/v1/staff/reminders/stats?from=&to= — one row per kind and day (China dates). */
export const reminderStatsSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  rows: z.array(
    z.object({
      day: isoDateSchema,
      kind: z.enum(reminderKindList),
      channel: z.enum(messageChannelList),
      sent: z.number().int(),
      delivered: z.number().int(),
      deferred: z.number().int(),
      failed: z.number().int(),
      suppressed: z.number().int(),
      clicked: z.number().int(),
    }),
  ),
  totals: z.object({
    sent: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
    suppressed: z.number().int(),
    clicked: z.number().int(),
    /** delivered / sent, 0–1; null when nothing was sent. */
    deliveryRate: z.number().nullable(),
    /** clicked / sent (short links opened at least once), 0–1; null when nothing was sent. */
    clickRate: z.number().nullable(),
    /** Per channel: SMS (receipts) and WeChat 订阅消息 (subscribe_msg_sent_event). */
    sms: channelTotalsSchema,
    wechat: channelTotalsSchema,
  }),
});
export type ReminderStats = z.infer<typeof reminderStatsSchema>;

/**
 * POST /api/v1/staff/reminders/invitations/preview and POST …/invitations — a one-off conversion
 * invitation (换领电子证照) to paper/IC certificates of one type, optionally in one area (prefix
 * of the 6-digit area code: '44' province, '4401' city, '440106' district). The preview counts
 * the holders who would get it (consent, opt-out and channels applied) and shows the text.
 */
export const conversionInvitationFilterSchema = z
  .object({
    typeCode: z.string().regex(/^[A-Z]\d{3}$/),
    carriers: z
      .array(z.enum(['PAPER', 'IC_CARD']))
      .min(1)
      .default(['PAPER', 'IC_CARD']),
    areaPrefix: z
      .string()
      .regex(/^\d{2}(\d{2}(\d{2})?)?$/)
      .optional(),
  })
  .strict();
export type ConversionInvitationFilter = z.infer<typeof conversionInvitationFilterSchema>;
export const conversionInvitationPreviewSchema = z.object({
  certificates: z.number().int(),
  holders: z.number().int(),
  /** Of those holders: reachable by SMS / WeChat / only in the app. */
  bySms: z.number().int(),
  byWechat: z.number().int(),
  inAppOnly: z.number().int(),
  smsText: z.string(),
});
export type ConversionInvitationPreview = z.infer<typeof conversionInvitationPreviewSchema>;

/**
 * A conversion invitation run (POST …/invitations answers 202 with it at once; GET
 * …/invitations/:id and GET …/invitations follow it): the job writes the reminders in chunks,
 * `processed` of `total` certificates so far, `queued` reminders written (a certificate invited
 * earlier this month adds none). FAILED runs are retried by the job from where they stopped.
 */
export const invitationRunStateList = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export const conversionInvitationRunSchema = z.object({
  id: z.string(),
  state: z.enum(invitationRunStateList),
  typeCode: z.string(),
  carriers: z.array(z.enum(['PAPER', 'IC_CARD'])),
  areaPrefix: z.string(),
  /** Certificates the filter matched when staff pressed send. */
  previewCount: z.number().int(),
  /** Certificates to work through (known once the job started). */
  total: z.number().int().nullable(),
  processed: z.number().int(),
  queued: z.number().int(),
  sms: z.number().int(),
  wechat: z.number().int(),
  /** Why the last attempt failed (a stable word, no personal data); null otherwise. */
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ConversionInvitationRun = z.infer<typeof conversionInvitationRunSchema>;
export const conversionInvitationRunListSchema = z.object({ items: z.array(conversionInvitationRunSchema) });
export type ConversionInvitationRunList = z.infer<typeof conversionInvitationRunListSchema>;
