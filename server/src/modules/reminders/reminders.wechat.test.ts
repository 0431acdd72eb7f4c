import { reminderStatsSchema } from '@roadcert/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConsoleSms } from '../../adapters/sms/console-sms';
import { createWechatClient } from '../../adapters/wechat/wechat-client';
import { pushSignature } from '../../adapters/wechat/wechat-push';
import { startWechatStandIn } from '../../adapters/wechat/wechat-stand-in';
import { createLogger } from '../../lib/logger';
import { staffSessionToken, startTestApp, type TestApp } from '../../test/app';
import { reminderFixtures } from '../../test/reminder-fixtures';
import { addDays } from './quiet-hours';

const app = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' };
const TEMPLATE = 'tplExpiry0123456789';
const TOKEN = 'pushToken2026';
let wx: Awaited<ReturnType<typeof startWechatStandIn>>;
let t: TestApp;
let f: ReturnType<typeof reminderFixtures>;
beforeAll(async () => {
  wx = await startWechatStandIn(app);
  t = await startTestApp({
    env: { WECHAT_PUSH_TOKEN: TOKEN, WECHAT_SUBSCRIBE_TEMPLATE_EXPIRY: TEMPLATE },
    wechat: createWechatClient({ ...app, apiBase: wx.url, logger: createLogger('silent') }),
  });
  f = reminderFixtures(t);
});
afterAll(async () => {
  await t?.close();
  await wx?.close();
});

const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);
const outboxOf = async (holderId: string) =>
  t.prisma.messageOutbox.findMany({
    where: { reminder: { holderId } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
const kept = (phone: string) => listConsoleSms(t.deps, phone, 50);
const grantOf = async (accountId: string) =>
  (
    await t.prisma.subscriptionGrant.findUnique({
      where: { accountId_templateId: { accountId, templateId: TEMPLATE } },
    })
  )?.remaining;

/** A holder with a number on record, an account with an openid and `grants` subscriptions to the EXPIRY notice. */
async function subscribedHolder(openid: string, grants = 1) {
  const h = await f.holder({ account: { openid } });
  await t.prisma.subscriptionGrant.create({
    data: { accountId: h.accountId!, templateId: TEMPLATE, remaining: grants },
  });
  return h;
}

/** The query WeChat signs a push with (timestamp now unless given). */
function signed(extra: Record<string, string> = {}, token = TOKEN, timestamp = String(Math.floor(Date.now() / 1000))) {
  const nonce = String(Math.floor(Math.random() * 1e9));
  return new URLSearchParams({ signature: pushSignature(token, timestamp, nonce), timestamp, nonce, ...extra });
}
const push = (body: string, type: string, query = signed()) =>
  fetch(`${t.baseUrl}/api/v1/callbacks/wechat/push?${query}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });
const sentEventJson = (openid: string, msgId: string, errorCode: number) =>
  `{"ToUserName":"gh_123456789abc","FromUserName":"${openid}","CreateTime":"${Math.floor(Date.now() / 1000)}",` +
  `"MsgType":"event","Event":"subscribe_msg_sent_event","List":{"TemplateId":"${TEMPLATE}","MsgID":"${msgId}",` +
  `"ErrorCode":"${errorCode}","ErrorStatus":"${errorCode === 0 ? 'success' : 'failed:user refuse to accept the msg'}"}}`;

describe('WeChat → SMS fallback at send time', () => {
  it('43101 (refused at WeChat): the notice is SUPPRESSED, the same reminder goes by SMS — once, grant cleared', async () => {
    const day = '2042-03-10';
    const h = await subscribedHolder('o-refused-1');
    wx.refuseSubscription('o-refused-1');
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await t.deps.reminders.scheduler.run(at(day, '10:00'));
    expect(await outboxOf(h.id)).toMatchObject([{ channel: 'WECHAT_SUBSCRIBE', state: 'PENDING' }]);
    const summary = await t.deps.reminders.sender.run(at(day, '10:00'));
    expect(summary).toMatchObject({ fallback: 1 });
    const rows = await outboxOf(h.id);
    expect(rows.map((r) => [r.channel, r.state, r.lastError])).toEqual([
      ['WECHAT_SUBSCRIBE', 'SUPPRESSED', 'subscription_refused:43101:fallback_sms'],
      ['SMS', 'SENT', null],
    ]);
    expect(rows[1]!.dedupeKey).toBe(`${rows[0]!.reminderId}:SMS`);
    expect(await grantOf(h.accountId!)).toBe(0);
    // Reruns (sender, scheduler) add nothing: one reminder, one SMS.
    await t.deps.reminders.sender.run(at(day, '10:05'));
    await t.deps.reminders.scheduler.run(at(day, '10:10'));
    await t.deps.reminders.sender.run(at(day, '10:15'));
    expect(await kept(h.phone!)).toHaveLength(1);
    expect(await outboxOf(h.id)).toHaveLength(2);
  });

  it('the grant used up by an earlier notice: the second reminder goes by SMS, the first stays on WeChat', async () => {
    const day = '2042-04-10';
    const h = await subscribedHolder('o-one-grant');
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await f.certificate(h.id, { validUntil: addDays(day, 29) });
    await t.deps.reminders.scheduler.run(at(day, '10:00'));
    expect((await outboxOf(h.id)).map((r) => r.channel)).toEqual(['WECHAT_SUBSCRIBE', 'WECHAT_SUBSCRIBE']);
    await t.deps.reminders.sender.run(at(day, '10:00'));
    const rows = await outboxOf(h.id);
    const byReminder = new Map<string, string[]>();
    for (const r of rows.filter((x) => x.state === 'SENT'))
      byReminder.set(r.reminderId!, [...(byReminder.get(r.reminderId!) ?? []), r.channel]);
    expect([...byReminder.values()].map((c) => c.join()).sort()).toEqual(['SMS', 'WECHAT_SUBSCRIBE']);
    expect(rows.find((r) => r.state === 'SUPPRESSED')?.lastError).toBe('no_subscription:fallback_sms');
    expect(await kept(h.phone!)).toHaveLength(1);
  });

  it('no fallback where SMS is not allowed (退订): the notice is SUPPRESSED and nothing else is sent', async () => {
    const day = '2042-05-10';
    const h = await subscribedHolder('o-refused-2');
    wx.refuseSubscription('o-refused-2');
    await t.prisma.messageOptOut.create({ data: { recipientHash: h.phoneHash!, source: 'SETTINGS' } });
    await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await t.deps.reminders.scheduler.run(at(day, '10:00'));
    await t.deps.reminders.sender.run(at(day, '10:00'));
    expect(await outboxOf(h.id)).toMatchObject([
      { channel: 'WECHAT_SUBSCRIBE', state: 'SUPPRESSED', lastError: 'subscription_refused:43101' },
    ]);
    expect(await kept(h.phone!)).toHaveLength(0);
  });
});

describe('WeChat message push (消息推送): URL check, delivery events, subscription changes', () => {
  it('the URL check echoes echostr when signed with the token; otherwise 401 with a stable code', async () => {
    const ok = await fetch(`${t.baseUrl}/api/v1/callbacks/wechat/push?${signed({ echostr: 'abc123echo' })}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('abc123echo');
    const wrong = await fetch(`${t.baseUrl}/api/v1/callbacks/wechat/push?${signed({ echostr: 'x' }, 'otherToken')}`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'WECHAT_PUSH_SIGNATURE_INVALID' });
    const stale = await fetch(
      `${t.baseUrl}/api/v1/callbacks/wechat/push?${signed({ echostr: 'x' }, TOKEN, String(Math.floor(Date.now() / 1000) - 3600))}`,
    );
    expect(stale.status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/v1/callbacks/wechat/push?echostr=x`)).status).toBe(401);
  });

  it('subscribe_msg_sent_event: success → DELIVERED by MsgID; 43101 → FAILED and the reminder goes by SMS', async () => {
    const day = '2042-06-10';
    const a = await subscribedHolder('o-event-a');
    const b = await subscribedHolder('o-event-b');
    await f.certificate(a.id, { validUntil: addDays(day, 30) });
    await f.certificate(b.id, { validUntil: addDays(day, 30) });
    await t.deps.reminders.scheduler.run(at(day, '10:00'));
    await t.deps.reminders.sender.run(at(day, '10:00'));
    const [rowA] = await outboxOf(a.id);
    const [rowB] = await outboxOf(b.id);
    expect(rowA).toMatchObject({ state: 'SENT', providerMessageId: expect.stringMatching(/^\d{19}$/) });
    expect(wx.msgIds).toContain(rowA!.providerMessageId);

    // A bad signature changes nothing.
    const forged = await push(
      sentEventJson('o-event-a', rowA!.providerMessageId!, 0),
      'application/json',
      signed({}, 'nope'),
    );
    expect(forged.status).toBe(401);
    expect((await outboxOf(a.id))[0]!.deliveryState).toBeNull();
    // Another user's openid with a's MsgID matches nothing.
    expect((await push(sentEventJson('o-event-b', rowA!.providerMessageId!, 0), 'application/json')).status).toBe(200);
    expect((await outboxOf(a.id))[0]!.deliveryState).toBeNull();

    const delivered = await push(sentEventJson('o-event-a', rowA!.providerMessageId!, 0), 'application/json');
    expect(delivered.status).toBe(200);
    expect(await delivered.text()).toBe('success');
    expect((await outboxOf(a.id))[0]).toMatchObject({ deliveryState: 'DELIVERED' });

    const xml = `<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[o-event-b]]></FromUserName>
<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[subscribe_msg_sent_event]]></Event><SubscribeMsgSentEvent><List>
<TemplateId><![CDATA[${TEMPLATE}]]></TemplateId><MsgID>${rowB!.providerMessageId}</MsgID><ErrorCode>43101</ErrorCode>
<ErrorStatus><![CDATA[failed:user refuse to accept the msg]]></ErrorStatus></List></SubscribeMsgSentEvent></xml>`;
    const failed = await push(xml, 'text/xml');
    expect(failed.status).toBe(200);
    // WeChat retries a push it did not see answered: the second one changes nothing.
    expect((await push(xml, 'text/xml')).status).toBe(200);
    const rows = (await outboxOf(b.id)).sort((x, y) => x.channel.localeCompare(y.channel));
    expect(rows.map((r) => [r.channel, r.state, r.deliveryState, r.lastError])).toEqual([
      ['SMS', 'PENDING', null, null],
      ['WECHAT_SUBSCRIBE', 'SENT', 'FAILED', 'wechat_event:43101'],
    ]);
    await t.deps.reminders.sender.run(at(day, '10:30'));
    expect(await kept(b.phone!)).toHaveLength(1);
    expect(await kept(a.phone!)).toHaveLength(0);

    const stats = reminderStatsSchema.parse(
      (
        await t.api(`/api/v1/staff/reminders/stats?from=${addDays(day, -1)}&to=${addDays(day, 1)}`, {
          token: await staffSessionToken(t, 'steward'),
        })
      ).json,
    );
    expect(stats.totals.wechat).toEqual({ sent: 2, delivered: 1, failed: 1 });
    expect(stats.totals.sms).toMatchObject({ sent: 1 });
  });

  it('popup accept gives a grant, change reject takes it away (JSON and XML); unknown events are answered', async () => {
    const h = await f.holder({ account: { openid: 'o-popup' } });
    const now = Math.floor(Date.now() / 1000);
    const popupXml = (
      at: number,
    ) => `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o-popup]]></FromUserName>
<CreateTime>${at}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe_msg_popup_event]]></Event>
<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[${TEMPLATE}]]></TemplateId>
<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>0</PopupScene></List></SubscribeMsgPopupEvent></xml>`;
    expect((await push(popupXml(now), 'text/xml')).status).toBe(200);
    expect(await grantOf(h.accountId!)).toBe(1);
    // The mini-program's own report of the same tap: 2 now; a later accept keeps it (at least
    // one, never fewer). Later than that update, so the stale-event guard lets it through.
    await t.prisma.subscriptionGrant.update({
      where: { accountId_templateId: { accountId: h.accountId!, templateId: TEMPLATE } },
      data: { remaining: 2 },
    });
    expect((await push(popupXml(now + 2), 'text/xml')).status).toBe(200);
    expect(await grantOf(h.accountId!)).toBe(2);
    const change = JSON.stringify({
      ToUserName: 'gh_1',
      FromUserName: 'o-popup',
      CreateTime: String(now + 5),
      MsgType: 'event',
      Event: 'subscribe_msg_change_event',
      List: [{ TemplateId: TEMPLATE, SubscribeStatusString: 'reject' }],
    });
    expect((await push(change, 'application/json')).status).toBe(200);
    expect(await grantOf(h.accountId!)).toBe(0);
    const other = JSON.stringify({ FromUserName: 'o-popup', CreateTime: String(now), MsgType: 'event', Event: 'x' });
    expect((await push(other, 'application/json')).status).toBe(200);
    expect((await push('{"hello":1}', 'application/json')).status).toBe(400);
  });
});
