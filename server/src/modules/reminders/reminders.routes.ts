import type Router from '@koa/router';
import { z } from 'zod';
import {
  conversionInvitationFilterSchema,
  conversionInvitationPreviewSchema,
  conversionInvitationRunListSchema,
  conversionInvitationRunSchema,
  isoDateSchema,
  messageListSchema,
  reminderPreferencesSchema,
  reminderPreferencesUpdateSchema,
  reminderStatsSchema,
  shortLinkSchema,
  subscriptionResultSchema,
  subscriptionTemplatesSchema,
  unreadCountSchema,
} from '@roadcert/shared';
import { parsePush, verifyPushSignature } from '../../adapters/wechat/wechat-push';
import { AppError } from '../../errors';
import { clientGone, parseJson, readBytes } from '../../http/json-body';
import { decodeUtf8 } from '../../http/input-rules';
import type { createRouteTable } from '../../http/route';
import { landingPage, missingLinkPage } from './landing-page';
import type { RemindersModule } from './reminders.module';

const idParams = z.object({ id: z.string().max(100) });
const codeParams = z.object({ code: z.string().max(16) });

/** Alibaba Cloud SmsReport (HTTP batch push): a JSON array of receipts. */
const smsReportSchema = z
  .array(
    z.object({
      phone_number: z.string().max(20),
      biz_id: z.string().max(100),
      success: z.boolean(),
      report_time: z.string().max(30).optional(),
      err_code: z.string().max(60).optional(),
    }),
  )
  .max(1000);

/** Alibaba Cloud SmsUp (HTTP batch push): replies to our messages. */
const smsUpSchema = z
  .array(z.object({ phone_number: z.string().max(20), content: z.string().max(500) }).passthrough())
  .max(1000);

export function reminderRoutes(
  { route }: ReturnType<typeof createRouteTable>,
  router: Router,
  deps: { reminders: RemindersModule; config: { publicBaseUrl: string } },
) {
  const { messages, staff, shortLinks, invitations } = deps.reminders;

  // ───────────── holder: 消息 and 消息提醒 ─────────────
  route({
    method: 'get',
    path: '/api/v1/me/messages',
    summary: "消息: the signed-in account's holder's reminders, newest first (?before= the previous page's nextCursor)",
    tags: ['reminders'],
    access: 'account',
    query: z.object({ before: z.string().uuid().optional() }),
    response: messageListSchema,
    handler: async (ctx, { query }) => messages.list(ctx.state, query.before),
  });

  route({
    method: 'get',
    path: '/api/v1/me/messages/unread',
    summary: "Unread messages (the wallet's badge)",
    tags: ['reminders'],
    access: 'account',
    response: unreadCountSchema,
    handler: async (ctx) => messages.unread(ctx.state),
  });

  route({
    method: 'post',
    path: '/api/v1/me/messages/:id/read',
    summary: 'Mark one message read (another holder’s id: 404)',
    tags: ['reminders'],
    access: 'account',
    params: idParams,
    status: 204,
    response: z.null(),
    handler: async (ctx, { params }) => {
      await messages.read(ctx.state, params.id);
      return null;
    },
  });

  route({
    method: 'post',
    path: '/api/v1/me/messages/read-all',
    summary: 'Mark every message read',
    tags: ['reminders'],
    access: 'account',
    response: unreadCountSchema,
    handler: async (ctx) => messages.readAll(ctx.state),
  });

  route({
    method: 'get',
    path: '/api/v1/me/reminder-preferences',
    summary: '消息提醒: channels, 退订 state, consent and the masked number SMS go to',
    tags: ['reminders'],
    access: 'account',
    response: reminderPreferencesSchema,
    handler: async (ctx) => messages.preferences(ctx.state),
  });

  route({
    method: 'put',
    path: '/api/v1/me/reminder-preferences',
    summary: 'Switch SMS (off = 退订 of the number, recorded) or WeChat notices on or off',
    tags: ['reminders'],
    access: 'account',
    body: reminderPreferencesUpdateSchema,
    response: reminderPreferencesSchema,
    handler: async (ctx, { body }) => messages.updatePreferences(ctx.state, body),
  });

  route({
    method: 'get',
    path: '/api/v1/me/subscriptions/templates',
    summary: '订阅消息 template ids per reminder kind (to pass to wx.requestSubscribeMessage)',
    tags: ['reminders'],
    access: 'account',
    response: subscriptionTemplatesSchema,
    handler: async () => messages.templates(),
  });

  route({
    method: 'post',
    path: '/api/v1/me/subscriptions',
    summary: "wx.requestSubscribeMessage's answers by reminder kind: each accept allows one notice",
    tags: ['reminders'],
    access: 'account',
    body: subscriptionResultSchema,
    response: z.object({ granted: z.number().int() }),
    handler: async (ctx, { body }) => ({ granted: await messages.subscribe(ctx.state, body.results) }),
  });

  // ───────────── short links ─────────────
  route({
    method: 'get',
    path: '/api/v1/short-links/:code',
    summary: 'Where a short link leads: the portal page and a WeChat URL Link (generated on first open, cached)',
    tags: ['reminders'],
    access: 'public',
    params: codeParams,
    response: shortLinkSchema,
    handler: async (_ctx, { params }) => {
      const opened = await shortLinks.open(params.code, new Date(), false);
      if (opened.state === 'ok') return opened.view;
      throw new AppError('NOT_FOUND', { message: opened.state === 'expired' ? '链接已过期' : '链接无效' });
    },
  });

  // The landing page of `PUBLIC_BASE_URL/s/<code>`; share links (`/s/<32-char secret>`) pass on.
  router.get('/s/:code', async (ctx, next) => {
    const code = ctx.params.code ?? '';
    if (code.length > 8) return next();
    const opened = await shortLinks.open(code);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.type = 'text/html; charset=utf-8';
    if (opened.state === 'ok') {
      ctx.body = landingPage(opened.view);
      return;
    }
    ctx.status = opened.state === 'expired' ? 410 : 404;
    ctx.body = missingLinkPage(opened.state, `${deps.config.publicBaseUrl}/`);
  });

  // Alibaba Cloud delivery receipts (SmsReport, HTTP batch push): answered as the API expects.
  router.post('/api/v1/callbacks/aliyun-sms/report', async (ctx) => {
    const parsed = smsReportSchema.safeParse((ctx.request as { body?: unknown }).body);
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { code: 400, msg: 'bad report' };
      return;
    }
    await deps.reminders.recordReceipts(
      parsed.data.map((r) => ({
        phone: r.phone_number,
        bizId: r.biz_id,
        success: r.success,
        errCode: r.err_code,
        at:
          r.report_time && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r.report_time)
            ? new Date(`${r.report_time.replace(' ', 'T')}+08:00`)
            : new Date(),
      })),
    );
    ctx.body = { code: 0, msg: '成功' };
  });

  // Alibaba Cloud SMS replies (SmsUp, HTTP batch push): a TD reply is 退订, recorded.
  router.post('/api/v1/callbacks/aliyun-sms/up', async (ctx) => {
    const parsed = smsUpSchema.safeParse((ctx.request as { body?: unknown }).body);
    if (!parsed.success) {
      ctx.status = 400;
      ctx.body = { code: 400, msg: 'bad message' };
      return;
    }
    await deps.reminders.recordReplies(parsed.data.map((m) => ({ phone: m.phone_number, content: m.content })));
    ctx.body = { code: 0, msg: '成功' };
  });

  // WeChat message push (消息推送, plaintext mode): the URL check (GET) and events (POST, JSON or XML).
  const pushRoute = '/api/v1/callbacks/wechat/push';
  const checkPush = (query: Record<string, unknown>) => {
    const token = deps.reminders.pushToken;
    if (!token) throw new AppError('NOT_FOUND', { message: '未配置微信消息推送' });
    if (!verifyPushSignature(token, query)) throw new AppError('WECHAT_PUSH_SIGNATURE_INVALID');
  };
  router.get(pushRoute, async (ctx) => {
    checkPush(ctx.query);
    const echostr = typeof ctx.query.echostr === 'string' ? ctx.query.echostr : '';
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = echostr.slice(0, 200);
  });
  router.post(pushRoute, async (ctx) => {
    checkPush(ctx.query);
    let body = (ctx.request as { body?: unknown }).body;
    // XML (and JSON sent under another content type) is not parsed by the app: read it here,
    // with the app's own rules (a declared length over the limit refused unread, a client that
    // hung up answered as a broken body, JSON strict and without prototype keys).
    if (body === undefined) {
      const declared = Number(ctx.get('content-length') || 0) || undefined;
      const bytes = await readBytes(ctx.req, 64 * 1024, declared).catch((err: unknown) => {
        throw err === clientGone ? new AppError('MALFORMED_JSON') : err;
      });
      const text = decodeUtf8(bytes).trim();
      body = text.startsWith('{') ? parseJson(text) : text;
    }
    const event = parsePush(body);
    if (!event) throw new AppError('VALIDATION_FAILED', { message: '无法识别的推送内容' });
    await deps.reminders.wechatEvents.record(event);
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = 'success';
  });

  // ───────────── staff ─────────────
  route({
    method: 'get',
    path: '/api/v1/staff/reminders/stats',
    summary:
      '消息提醒 statistics in the caller’s region by China day, kind and channel (data stewards, administrators)',
    tags: ['reminders', 'staff'],
    access: 'staff',
    query: z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() }),
    response: reminderStatsSchema,
    handler: async (ctx, { query }) => staff.stats(ctx.state, query),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/reminders/invitations/preview',
    summary: '换领邀请: who a conversion invitation would reach (consent, 退订 and channels applied) and its text',
    tags: ['reminders', 'staff'],
    access: 'staff',
    body: conversionInvitationFilterSchema,
    response: conversionInvitationPreviewSchema,
    handler: async (ctx, { body }) => staff.preview(ctx.state, body),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/reminders/invitations',
    summary:
      '换领邀请: record a run and queue the background job that writes the invitations (202 at once; one per certificate per month, sending twice adds nothing)',
    tags: ['reminders', 'staff'],
    access: 'staff',
    body: conversionInvitationFilterSchema,
    status: 202,
    response: conversionInvitationRunSchema,
    handler: async (ctx, { body }) => invitations.queue(ctx.state, body),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/reminders/invitations',
    summary: '换领邀请: the newest runs in the caller’s region with their progress',
    tags: ['reminders', 'staff'],
    access: 'staff',
    response: conversionInvitationRunListSchema,
    handler: async (ctx) => invitations.recent(ctx.state),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/reminders/invitations/:id',
    summary: '换领邀请: one run’s progress (QUEUED → RUNNING → DONE; FAILED is retried from where it stopped)',
    tags: ['reminders', 'staff'],
    access: 'staff',
    params: idParams,
    response: conversionInvitationRunSchema,
    handler: async (ctx, { params }) => invitations.get(ctx.state, params.id),
  });
}
