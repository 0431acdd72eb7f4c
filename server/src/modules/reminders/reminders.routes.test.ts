import {
  chinaToday,
  messageListSchema,
  reminderPreferencesSchema,
  reminderStatsSchema,
  shortLinkSchema,
} from '@roadcert/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/uuidv7';
import { signInAccount, staffSessionToken, startTestApp, type TestApp } from '../../test/app';
import { reminderFixtures } from '../../test/reminder-fixtures';
import { addDays } from './quiet-hours';

let t: TestApp;
let f: ReturnType<typeof reminderFixtures>;
let steward: string;
let reviewer: string;
beforeAll(async () => {
  t = await startTestApp();
  f = reminderFixtures(t);
  steward = await staffSessionToken(t, 'steward');
  reviewer = await staffSessionToken(t, 'reviewer');
});
afterAll(() => t?.close());

/** A signed-in account bound to a fresh holder with `n` messages (oldest first). */
async function holderWithMessages(n: number) {
  const h = await f.holder();
  const account = await signInAccount(t, {});
  await t.prisma.account.update({ where: { id: account.accountId }, data: { holderId: h.id } });
  const cert = await f.certificate(h.id, {});
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = uuidv7(Date.now() + i);
    ids.push(id);
    await t.prisma.reminder.create({
      data: {
        id,
        holderId: h.id,
        certificateId: cert.id,
        kind: 'EXPIRY',
        variant: 'd30',
        dueAt: new Date(),
        dedupeKey: `TEST:${id}`,
        params: { date: '2041-12-31', typeCode: 'D071', days: 30 },
        targetPath: `pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=${cert.id}`,
      },
    });
  }
  return { h, token: account.token, ids };
}

describe('消息: the holder’s messages', () => {
  it('lists newest first in pages of 20 with a cursor, Chinese title and body, the unread count', async () => {
    const { token, ids } = await holderWithMessages(23);
    const page1 = await t.api('/api/v1/me/messages', { token });
    expect(page1.status).toBe(200);
    const list = messageListSchema.parse(page1.json);
    expect(list.items).toHaveLength(20);
    expect(list.items[0]!.id).toBe(ids.at(-1));
    expect(list.items[0]).toMatchObject({ kind: 'EXPIRY', title: '证照即将到期', readAt: null });
    expect(list.items[0]!.body).toContain('2041年12月31日');
    expect(list.unread).toBe(23);
    const page2 = await t.api(`/api/v1/me/messages?before=${list.nextCursor}`, { token });
    expect(page2.json.items).toHaveLength(3);
    expect(page2.json.nextCursor).toBeNull();
  });

  it('marks one read (204), all read; another holder’s message is 404; bad input is 400; no session is 401', async () => {
    const mine = await holderWithMessages(2);
    const other = await holderWithMessages(1);
    expect((await t.api(`/api/v1/me/messages/${mine.ids[0]}/read`, { token: mine.token, body: {} })).status).toBe(204);
    expect((await t.api('/api/v1/me/messages/unread', { token: mine.token })).json).toEqual({ unread: 1 });
    const foreign = await t.api(`/api/v1/me/messages/${other.ids[0]}/read`, { token: mine.token, body: {} });
    expect(foreign).toMatchObject({ status: 404, json: { code: 'NOT_FOUND' } });
    expect((await t.api('/api/v1/me/messages/unread', { token: other.token })).json).toEqual({ unread: 1 });
    expect((await t.api('/api/v1/me/messages/not-an-id/read', { token: mine.token, body: {} })).status).toBe(404);
    expect((await t.api('/api/v1/me/messages?before=nope', { token: mine.token })).status).toBe(400);
    expect((await t.api('/api/v1/me/messages')).status).toBe(401);
    expect((await t.api('/api/v1/me/messages/read-all', { token: mine.token, body: {} })).json).toEqual({ unread: 0 });
  });

  it('an account not bound to a holder has an empty list', async () => {
    const { token } = await signInAccount(t, {});
    expect((await t.api('/api/v1/me/messages', { token })).json).toEqual({ items: [], nextCursor: null, unread: 0 });
  });
});

describe('消息提醒: channels, 退订, subscriptions', () => {
  it('switching SMS off records the opt-out of the number; on again withdraws it; unknown fields are 400', async () => {
    const { token, phone } = await signInAccount(t, {});
    const initial = reminderPreferencesSchema.parse((await t.api('/api/v1/me/reminder-preferences', { token })).json);
    expect(initial).toMatchObject({ sms: true, wechat: true, smsOptedOut: false, consented: false });
    expect(initial.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    const off = await t.api('/api/v1/me/reminder-preferences', { token, method: 'PUT', body: { sms: false } });
    expect(off.json).toMatchObject({ sms: false, smsOptedOut: true });
    const hash = t.deps.fieldCrypto.blindIndex(phone, 'phone');
    expect(await t.prisma.messageOptOut.findUnique({ where: { recipientHash: hash } })).toMatchObject({
      source: 'SETTINGS',
    });
    const on = await t.api('/api/v1/me/reminder-preferences', {
      token,
      method: 'PUT',
      body: { sms: true, wechat: false },
    });
    expect(on.json).toMatchObject({ sms: true, wechat: false, smsOptedOut: false });
    expect(await t.prisma.messageOptOut.findUnique({ where: { recipientHash: hash } })).toBeNull();
    expect(
      (await t.api('/api/v1/me/reminder-preferences', { token, method: 'PUT', body: { email: true } })).status,
    ).toBe(400);
  });

  it('a TD reply to our SMS (Alibaba Cloud SmsUp) records 退订 of the number; other replies do not', async () => {
    const phone = f.randomPhone();
    const res = await t.api('/api/v1/callbacks/aliyun-sms/up', {
      body: [
        {
          phone_number: phone,
          content: ' td ',
          send_time: '2041-01-01 10:00:00',
          sign_name: '道路运输电子证照',
          dest_code: '1',
          sequence_id: 1,
        },
        {
          phone_number: f.randomPhone(),
          content: '好的',
          send_time: '2041-01-01 10:00:00',
          sign_name: 'x',
          dest_code: '1',
          sequence_id: 2,
        },
      ],
    });
    expect(res).toMatchObject({ status: 200, json: { code: 0 } });
    const hash = t.deps.fieldCrypto.blindIndex(phone, 'phone');
    expect(await t.prisma.messageOptOut.findUnique({ where: { recipientHash: hash } })).toMatchObject({
      source: 'SMS_UP',
    });
    expect(await t.prisma.messageOptOut.count({ where: { source: 'SMS_UP' } })).toBe(1);
  });

  it('the stand-in’s template ids, and each accept stored as one notice allowed', async () => {
    const { token, accountId } = await signInAccount(t, {});
    const templates = await t.api('/api/v1/me/subscriptions/templates', { token });
    expect(templates.json.templates).toContainEqual({ kind: 'EXPIRY', templateId: 'STANDIN_TEMPLATE_EXPIRY' });
    const res = await t.api('/api/v1/me/subscriptions', {
      token,
      body: { results: { EXPIRY: 'accept', ACTIVATION: 'reject', unknown: 'accept' } },
    });
    expect(res).toMatchObject({ status: 200, json: { granted: 1 } });
    expect(await t.prisma.subscriptionGrant.findMany({ where: { accountId } })).toMatchObject([
      { templateId: 'STANDIN_TEMPLATE_EXPIRY', remaining: 1 },
    ]);
    expect((await t.api('/api/v1/me/subscriptions', { token, body: { results: { EXPIRY: 'yes' } } })).status).toBe(400);
  });
});

describe('short links (PUBLIC_BASE_URL/s/<code>)', () => {
  async function link(expiresAt: Date) {
    const code = `Ab${Math.random()
      .toString(36)
      .replace(/[^a-km-z]/g, '')
      .slice(0, 6)
      .padEnd(6, 'x')}`;
    await t.prisma.shortLink.create({
      data: { code, targetPath: 'pkg-certificate/pages/activate/index?certificateId=c1', expiresAt },
    });
    return code;
  }

  it('opens a Chinese landing page: 打开小程序 (stand-in, labelled) and 在网页中继续; opens are counted', async () => {
    const code = await link(new Date(Date.now() + 86_400_000));
    const res = await fetch(`${t.baseUrl}/s/${code}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('打开小程序');
    expect(html).toContain('在网页中继续');
    expect(html).toContain('本地模拟');
    expect(html).toContain('href="http://localhost:3000/pkg-certificate/pages/activate/index?certificateId=c1"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)[^"]*\.(css|js)/);
    await fetch(`${t.baseUrl}/s/${code}`);
    const row = await t.prisma.shortLink.findUniqueOrThrow({ where: { code } });
    expect(row.clicks).toBe(2);
    expect(row.firstOpenedAt).not.toBeNull();
    expect(row.wechatUrlLink).toMatch(/^weixin:\/\/dl\/business\/\?t=STANDIN/);
    const api = await t.api(`/api/v1/short-links/${code}`);
    expect(shortLinkSchema.parse(api.json)).toMatchObject({
      linkProvider: 'stand-in',
      portalUrl: 'http://localhost:3000/pkg-certificate/pages/activate/index?certificateId=c1',
      miniProgramUrl: row.wechatUrlLink,
    });
  });

  it('an unknown code is 404, an expired one 410, both with a Chinese page; share links still pass through', async () => {
    const unknown = await fetch(`${t.baseUrl}/s/Zz9Zz9Zz`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('链接无效');
    const expired = await fetch(`${t.baseUrl}/s/${await link(new Date(Date.now() - 1000))}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('链接已过期');
    expect((await t.api('/api/v1/short-links/Zz9Zz9Zz')).status).toBe(404);
    const share = await fetch(`${t.baseUrl}/s/${'a'.repeat(32)}`, { redirect: 'manual' });
    expect(share.status).toBe(302);
  });
});

describe('staff: statistics and the conversion invitation', () => {
  it('invitation preview counts holders by channel and shows the SMS (sending: reminders.invitations.test.ts)', async () => {
    const typeCode = 'D071';
    const area = '440118';
    const a = await f.holder({ areaCode: area });
    const b = await f.holder({ areaCode: area, phone: null });
    await f.certificate(a.id, { carrier: 'PAPER', areaCode: area, typeCode });
    await f.certificate(b.id, { carrier: 'IC_CARD', areaCode: area, typeCode });
    const filter = { typeCode, areaPrefix: area };
    const preview = await t.api('/api/v1/staff/reminders/invitations/preview', { token: steward, body: filter });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json).toMatchObject({ certificates: 2, holders: 2, bySms: 1, byWechat: 0, inAppOnly: 1 });
    expect(preview.json.smsText).toMatch(/^【道路运输电子证照】您可换领电子证照，手机即可亮证：/);
    expect(await t.prisma.reminder.count({ where: { holderId: { in: [a.id, b.id] } } })).toBe(0);
  });

  it('refuses bad filters (400), reviewers (403), areas outside the region (403)', async () => {
    const bad = await t.api('/api/v1/staff/reminders/invitations/preview', { token: steward, body: { typeCode: 'x' } });
    expect(bad.status).toBe(400);
    const forbidden = await t.api('/api/v1/staff/reminders/invitations', {
      token: reviewer,
      body: { typeCode: 'D071' },
    });
    expect(forbidden.status).toBe(403);
    const outside = await t.api('/api/v1/staff/reminders/invitations/preview', {
      token: steward,
      body: { typeCode: 'D071', areaPrefix: '11' },
    });
    expect(outside.status).toBe(403);
    expect((await t.api('/api/v1/staff/reminders/stats', { token: reviewer })).status).toBe(403);
  });

  it('stats by day, kind and channel with delivery and click rates', async () => {
    const day = chinaToday();
    const h = await f.holder();
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await t.deps.reminders.scheduler.run();
    // The next morning (whatever the real hour, outside the quiet hours).
    await t.deps.reminders.sender.run(new Date(`${addDays(day, 1)}T10:00:00+08:00`));
    const res = await t.api(`/api/v1/staff/reminders/stats?from=${addDays(day, -1)}&to=${addDays(day, 1)}`, {
      token: steward,
    });
    expect(res.status, res.text).toBe(200);
    const stats = reminderStatsSchema.parse(res.json);
    expect(stats.rows.some((r) => r.kind === 'EXPIRY' && r.channel === 'SMS' && r.sent >= 1)).toBe(true);
    expect(stats.rows.some((r) => r.channel === 'IN_APP')).toBe(true);
    expect(stats.totals.sent).toBeGreaterThanOrEqual(1);
    expect(stats.totals.deliveryRate).toBeGreaterThan(0);
    expect(
      (await t.api('/api/v1/staff/reminders/stats?from=2041-01-01&to=2040-01-01', { token: steward })).status,
    ).toBe(400);
  });
});

describe('application decisions remind the holder (in the decision’s transaction)', () => {
  it('a return for correction: APPLICATION_STATUS with the reason in the message, the application page as target', async () => {
    const h = await f.holder({ areaCode: '440106' });
    const application = await t.prisma.application.create({
      data: {
        holderId: h.id,
        typeCode: 'D071',
        kind: 'INITIAL',
        state: 'IN_REVIEW',
        areaCode: '440106',
        submittedAt: new Date(),
      },
    });
    const res = await t.api(`/api/v1/staff/applications/${application.id}/return`, {
      token: reviewer,
      body: { reasons: { holderName: '姓名与身份证不一致' } },
    });
    expect(res.status, res.text).toBe(200);
    const [reminder] = await t.prisma.reminder.findMany({ where: { holderId: h.id } });
    expect(reminder).toMatchObject({
      kind: 'APPLICATION_STATUS',
      variant: 'RETURNED',
      subjectId: application.id,
      targetPath: `pkg-apply/pages/detail/index?id=${application.id}`,
    });
    expect((reminder!.params as Record<string, string>).reason).toContain('姓名与身份证不一致');
    expect(await t.prisma.messageOutbox.count({ where: { reminderId: reminder!.id, channel: 'SMS' } })).toBe(1);
  });
});
