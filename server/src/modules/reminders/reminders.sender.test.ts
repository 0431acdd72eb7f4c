import { reminderKindList, reminderSmsTemplates } from '@roadcert/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAliyunSms } from '../../adapters/sms/aliyun-sms';
import { startAliyunSmsStandIn } from '../../adapters/sms/aliyun-stand-in';
import { listConsoleSms } from '../../adapters/sms/console-sms';
import { createWechatClient } from '../../adapters/wechat/wechat-client';
import { startWechatStandIn } from '../../adapters/wechat/wechat-stand-in';
import { createLogger } from '../../lib/logger';
import { startTestApp, type TestApp } from '../../test/app';
import { reminderFixtures } from '../../test/reminder-fixtures';
import { addDays } from './quiet-hours';
import { createRemindersModule } from './reminders.module';

let t: TestApp;
let f: ReturnType<typeof reminderFixtures>;
beforeAll(async () => {
  t = await startTestApp();
  f = reminderFixtures(t);
});
afterAll(() => t?.close());

const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);
const outboxOfHolder = async (holderId: string) =>
  t.prisma.messageOutbox.findMany({ where: { reminder: { holderId } }, orderBy: { createdAt: 'asc' } });
const kept = (phone: string) => listConsoleSms(t.deps, phone, 50);

describe('sender (console stand-in): quiet hours, daily cap, opt-out, no duplicates', () => {
  it('quiet hours defer to 08:00 China time, never drop; the SMS fits one segment and carries the short link', async () => {
    const day = '2041-05-10';
    const h = await f.holder();
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await t.deps.reminders.scheduler.run(at(day, '22:00'));
    const night = await t.deps.reminders.sender.run(at(day, '22:00'));
    expect(night.deferred).toBeGreaterThanOrEqual(1);
    const [row] = await outboxOfHolder(h.id);
    expect(row).toMatchObject({ state: 'PENDING', deferredReason: 'QUIET_HOURS' });
    expect(row!.nextAttemptAt.toISOString()).toBe(at(addDays(day, 1), '08:00').toISOString());
    await t.deps.reminders.sender.run(at(addDays(day, 1), '07:59'));
    expect(await kept(h.phone!)).toHaveLength(0);

    await t.deps.reminders.sender.run(at(addDays(day, 1), '08:00'));
    await t.deps.reminders.sender.run(at(addDays(day, 1), '08:01'));
    const messages = await kept(h.phone!);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toMatch(
      /^【道路运输电子证照】您的证照6月9日到期，请办理延续：http:\/\/localhost:3000\/s\/[1-9A-HJ-NP-Za-km-z]{8}$/,
    );
    expect([...messages[0]!.text].length).toBeLessThanOrEqual(70);
    const [sent] = await outboxOfHolder(h.id);
    expect(sent).toMatchObject({ state: 'SENT', provider: 'console', attempts: 1 });
    expect((await t.prisma.reminder.findUniqueOrThrow({ where: { id: sent!.reminderId! } })).sentAt).not.toBeNull();
  });

  it('per-number daily cap (5): the rest wait for the next morning', async () => {
    const day = '2041-06-10';
    const h = await f.holder();
    for (const d of [30, 29, 28, 7, 6, 5, 4]) await f.certificate(h.id, { validUntil: addDays(day, d) });
    await t.deps.reminders.scheduler.run(at(day, '10:00'));
    await t.deps.reminders.sender.run(at(day, '10:00'));
    const rows = await outboxOfHolder(h.id);
    expect(rows.filter((r) => r.state === 'SENT')).toHaveLength(5);
    const waiting = rows.filter((r) => r.state === 'PENDING');
    expect(waiting).toHaveLength(2);
    expect(waiting.every((r) => r.deferredReason === 'DAILY_CAP')).toBe(true);
    expect(waiting[0]!.nextAttemptAt.toISOString()).toBe(at(addDays(day, 1), '08:00').toISOString());
    await t.deps.reminders.sender.run(at(day, '15:00'));
    expect(await kept(h.phone!)).toHaveLength(5);
    await t.deps.reminders.sender.run(at(addDays(day, 1), '09:00'));
    expect(await kept(h.phone!)).toHaveLength(7);
  });

  it('退订 after queueing is honoured at send time (SUPPRESSED), as is withdrawn consent', async () => {
    const day = '2041-07-10';
    const h = await f.holder();
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await t.deps.reminders.scheduler.run(at(day, '10:00'));
    await t.prisma.messageOptOut.create({ data: { recipientHash: h.phoneHash!, source: 'SMS_UP' } });
    await t.deps.reminders.sender.run(at(day, '10:00'));
    expect(await outboxOfHolder(h.id)).toMatchObject([{ state: 'SUPPRESSED', lastError: 'opted_out' }]);
    expect(await kept(h.phone!)).toHaveLength(0);
  });

  it('a send interrupted before the provider call (crash while SENDING) is sent once after its lease', async () => {
    const day = '2041-08-10';
    const h = await f.holder();
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await t.deps.reminders.scheduler.run(at(day, '10:00'));
    const [row] = await outboxOfHolder(h.id);
    await t.prisma.messageOutbox.update({
      where: { id: row!.id },
      data: { state: 'SENDING', attempts: 1, nextAttemptAt: at(day, '09:00') },
    });
    await t.deps.reminders.sender.run(at(day, '10:00'));
    await t.deps.reminders.sender.run(at(day, '10:05'));
    expect(await kept(h.phone!)).toHaveLength(1);
    expect(await outboxOfHolder(h.id)).toMatchObject([{ state: 'SENT' }]);
  });
});

describe('sender with Alibaba Cloud (local stand-in): batches, a timeout resolved by query, receipts', () => {
  const templateCodes = Object.fromEntries(reminderKindList.map((k, i) => [k, `SMS_9000000${i}`]));
  let standIn: Awaited<ReturnType<typeof startAliyunSmsStandIn>>;
  let module: ReturnType<typeof createRemindersModule>;
  beforeAll(async () => {
    const credentials = {
      accessKeyId: 'LTAI5tReminders',
      accessKeySecret: 'reminders-secret',
      signName: '道路运输电子证照',
    };
    standIn = await startAliyunSmsStandIn({
      ...credentials,
      templateCode: 'SMS_154950909',
      requiredParams: ['code'],
      templates: Object.fromEntries(
        reminderKindList.map((k) => [
          templateCodes[k]!,
          [...reminderSmsTemplates[k].matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!),
        ]),
      ),
    });
    const sms = createAliyunSms({
      ...credentials,
      endpoint: standIn.url,
      templates: { LOGIN_CODE: 'SMS_154950909', ...templateCodes },
      logger: createLogger('silent'),
      timeoutMs: 300,
    });
    module = createRemindersModule({ ...t.deps, sms });
  });
  afterAll(() => standIn?.close());

  it('messages of one template go out in one SendBatchSms (one BizId); receipts mark them delivered', async () => {
    const day = '2041-09-10';
    const holders = await Promise.all([f.holder(), f.holder(), f.holder()]);
    for (const h of holders) await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await module.scheduler.run(at(day, '10:00'));
    const summary = await module.sender.run(at(day, '10:00'));
    expect(summary.sent).toBeGreaterThanOrEqual(3);
    expect(standIn.refusals).toEqual([]);
    const batch = standIn.received.filter((r) => holders.some((h) => h.phone === r.phone));
    expect(batch).toHaveLength(3);
    expect(new Set(batch.map((r) => r.bizId)).size).toBe(1);
    expect(batch[0]).toMatchObject({
      action: 'SendBatchSms',
      templateCode: templateCodes.EXPIRY,
      params: { date: '10月10日' },
    });
    expect(batch[0]!.params.link).toMatch(/^http:\/\/localhost:3000\/s\/[1-9A-HJ-NP-Za-km-z]{8}$/);

    const res = await t.api('/api/v1/callbacks/aliyun-sms/report', {
      body: [
        { phone_number: holders[0]!.phone, biz_id: batch[0]!.bizId, success: true, report_time: '2041-09-10 10:00:05' },
        { phone_number: holders[1]!.phone, biz_id: batch[0]!.bizId, success: false, err_code: 'MK:0001' },
      ],
    });
    expect(res).toMatchObject({ status: 200, json: { code: 0 } });
    expect(await outboxOfHolder(holders[0]!.id)).toMatchObject([{ state: 'SENT', deliveryState: 'DELIVERED' }]);
    expect(await outboxOfHolder(holders[1]!.id)).toMatchObject([{ state: 'SENT', deliveryState: 'FAILED' }]);
  });

  it('a timeout is never resent blindly: QuerySendDetails finds it by OutId and it counts as sent (no duplicate)', async () => {
    const day = '2041-10-10';
    const h = await f.holder();
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await module.scheduler.run(at(day, '10:00'));
    standIn.setAnswerDelay(800);
    const first = await module.sender.run(at(day, '10:00'));
    standIn.setAnswerDelay(0);
    expect(first.uncertain).toBe(1);
    expect(await outboxOfHolder(h.id)).toMatchObject([{ state: 'UNCERTAIN' }]);
    expect(standIn.received.filter((r) => r.phone === h.phone)).toHaveLength(1);

    const second = await module.sender.run(at(day, '10:01'));
    expect(second.resolvedSent).toBe(1);
    await module.sender.run(at(day, '10:02'));
    expect(standIn.received.filter((r) => r.phone === h.phone)).toHaveLength(1);
    expect(await outboxOfHolder(h.id)).toMatchObject([{ state: 'SENT' }]);
    expect(standIn.refusals).toEqual([]);
  });
});

describe('WeChat: subscription messages and URL Links through the real client (local stand-in)', () => {
  const app = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' };
  let wx: Awaited<ReturnType<typeof startWechatStandIn>>;
  let module: ReturnType<typeof createRemindersModule>;
  beforeAll(async () => {
    wx = await startWechatStandIn(app);
    module = createRemindersModule({
      ...t.deps,
      wechat: createWechatClient({ ...app, apiBase: wx.url, logger: createLogger('silent') }),
      config: {
        ...t.deps.config,
        reminders: { ...t.deps.config.reminders, subscribeTemplates: { EXPIRY: 'tplExpiry0123456789' } },
      },
    });
  });
  afterAll(() => wx?.close());

  it('a subscribed holder gets a service notice (grant used up) instead of an SMS', async () => {
    const day = '2041-11-10';
    const h = await f.holder({ account: { openid: 'o-wechat-holder' } });
    await t.prisma.subscriptionGrant.create({
      data: { accountId: h.accountId!, templateId: 'tplExpiry0123456789', remaining: 1 },
    });
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await module.scheduler.run(at(day, '10:00'));
    await module.sender.run(at(day, '10:00'));
    expect(wx.refusals).toEqual([]);
    expect(wx.subscribeMessages.at(-1)).toMatchObject({
      touser: 'o-wechat-holder',
      template_id: 'tplExpiry0123456789',
      page: expect.stringMatching(/^pkg-apply\/pages\/start\/index\?typeCode=D071&kind=RENEWAL&certificateId=/),
      data: { thing1: { value: '证照即将到期' }, thing2: { value: '您的证照12月10日到期，请办理延续' } },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
    expect(await outboxOfHolder(h.id)).toMatchObject([{ channel: 'WECHAT_SUBSCRIBE', state: 'SENT' }]);
    const grant = await t.prisma.subscriptionGrant.findFirstOrThrow({ where: { accountId: h.accountId! } });
    expect(grant.remaining).toBe(0);
    expect(await kept(h.phone!)).toHaveLength(0);
  });

  it('the URL Link is generated when the short link is opened, then cached', async () => {
    const code = 'Wx3dEf7h';
    await t.prisma.shortLink.create({
      data: {
        code,
        targetPath: 'pkg-certificate/pages/activate/index?certificateId=abc',
        expiresAt: new Date(Date.now() + 10 * 86_400_000),
      },
    });
    const first = await module.shortLinks.open(code);
    const second = await module.shortLinks.open(code);
    expect(first).toMatchObject({
      state: 'ok',
      view: { linkProvider: 'wechat', miniProgramUrl: expect.stringMatching(/^https:\/\/wxaurl\.cn\//) },
    });
    expect(second).toEqual(first);
    expect(wx.urlLinks).toEqual([
      {
        path: 'pkg-certificate/pages/activate/index',
        query: 'certificateId=abc',
        expire_type: 1,
        expire_interval: 10,
        env_version: 'release',
      },
    ]);
    expect(wx.refusals).toEqual([]);
  });
});
