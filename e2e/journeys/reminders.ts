/**
 * Journey: reminders that lead into the app (issue 14). 王强 (electronic 从业资格证) signs in,
 * binds his real name and agrees to SMS reminders in 我的 → 消息提醒. The clock moves to 30 days
 * before his certificate's 有效期至: the product stops, the scheduler runs once at that instant
 * (`npm run admin -- reminders:run --at <ISO>`, same DATA_DIR and PORT), the product starts
 * again. The SMS is read in the local console outbox; its short link is opened in a FRESH browser
 * (no session, no privacy policy agreed) on a 360-px phone: the landing page, 在网页中继续, the
 * privacy policy, sign-in by SMS code — and he lands on the prefilled 延续 start page of that
 * certificate. On the wallet the 消息 badge counts the reminder; 消息 lists it; tapping it opens
 * the same page. Then the data steward opens 消息提醒 in the workbench (the statistics of the
 * scheduler's day count the send) and previews and sends a 换领邀请. Screenshots at 360 px: e2e/screenshots/reminders-*.
 *
 * URL forms agreed with the server side (the H5 portal uses Taro's browser router, publicPath '/'):
 *   - an SMS carries `${PUBLIC_BASE_URL}/s/<code>`; its landing page's 在网页中继续 goes to
 *     `portalUrl` = `${PUBLIC_BASE_URL}/${targetPath}`, i.e. `/<route>?<query>` with no '#' and no
 *     prefix, e.g. `/pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=<uuid>`
 *     (the portal module already answers such paths with index.html);
 *   - `targetPath` (messages and short links) is that route + query WITHOUT the leading slash; a
 *     WeChat URL Link takes `path` = the route and `query` = the query string;
 *   - a page that needs sign-in sends the person to `/pages/login/index`; after signing in they
 *     land back on the same page with its query (miniapp features/session/return-after-sign-in.ts).
 * The scheduler run must send (or leave for the restarted product to send) with the `--at` clock:
 * the journey picks 10:00 China time, outside quiet hours, whatever the real time is.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { certificateListSchema, consoleSmsListSchema, reminderStatsSchema } from '@roadcert/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectTrue, launchBrowser, phonePage, root, runCases, screenshot, startProduct } from '../harness';
import { confirmDialog, demoSteward, staffSignIn } from '../staff-steps';
import { seeded, steps, type Steps } from '../steps';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-reminders-'));
const env = { DATA_DIR: dataDir };
let product = await startProduct(env);
const wang = seeded('driver-electronic');

/**
 * Screenshot of the whole page: Taro H5 scrolls inside the page element (`.taro_page`), so the
 * phone is made as tall as that page for the picture (same width). Pages must fit 360 px.
 */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(400);
  const size = page.viewportSize() ?? { width: 360, height: 740 };
  const metrics = (await page.evaluate(`(() => {
    const shown = [...document.querySelectorAll('.taro_page')].filter((el) => getComputedStyle(el).display !== 'none').pop();
    const el = shown ?? document.body;
    return { height: el.scrollHeight, width: el.scrollWidth };
  })()`)) as { height: number; width: number };
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(metrics.height, 6000)) });
  await page.waitForTimeout(150);
  await screenshot(page, `reminders-${name}`);
  await page.setViewportSize(size);
  expectTrue(metrics.width <= size.width, `${name}: the page is ${metrics.width} px wide on a ${size.width}-px phone`);
}

/** The holder's access token as the portal keeps it (Taro H5 storage wraps values as {"data": …}). */
async function holderToken(page: Page): Promise<string> {
  const stored = (await page.evaluate("localStorage.getItem('roadcert:accessToken')")) as string | null;
  const token = (JSON.parse(stored ?? 'null') as { data?: unknown } | null)?.data;
  expectTrue(typeof token === 'string' && token.length > 0, 'no access token in the portal storage');
  return token;
}

/** The wallet's 消息 entry and its badge (null when no badge shows). */
async function badgeCount(page: Page): Promise<number | null> {
  const entry = page.locator('.messages-entry:visible').first();
  await entry.waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800); // the count arrives after the wallet
  const badge = entry.locator('.messages-entry__badge');
  if ((await badge.count()) === 0) return null;
  return Number((await badge.textContent())?.replace('+', ''));
}

/** The 短信提醒 switch, in the page: usable (consent given), and on. */
const SWITCH = `[...document.querySelectorAll('[role="switch"][aria-label="短信提醒"]')].pop()`;
const SWITCH_USABLE = `${SWITCH}?.getAttribute('aria-disabled') !== 'true'`;
const SWITCH_ON = `${SWITCH}?.getAttribute('aria-checked') === 'true'`;

/**
 * Sign-in by SMS code as steps.signInBySms, but the code is looked for among every message the
 * local panel shows: the reminder SMS was recorded at the scheduler's (future) clock, so it sorts
 * above the code.
 */
async function signInReadingCode(on: Page, st: Steps) {
  await st.field('请输入11位手机号').fill(wang.phone);
  await st.button('获取验证码').click();
  await st.text('本地模拟短信（未真实发送）').waitFor({ timeout: 15_000 });
  const withCode = on.locator('.local-sms__text:visible', { hasText: /验证码\d{6}/ }).first();
  await withCode.waitFor({ timeout: 15_000 });
  const code = /验证码(\d{6})/.exec((await withCode.textContent()) ?? '')?.[1];
  expectTrue(code, 'no 6-digit code in the local SMS panel');
  await st.field('6位数字').fill(code);
  await st.button(/^登录$/).click();
}

let browser!: Browser;
let page: Page; // 王强, first device
let s: Steps;
let fresh: BrowserContext | undefined;
let phone: Page; // 王强, the fresh browser the SMS link opens in
let ps: Steps;
let certificateId = '';
let validUntil = '';
let firstCodeAt = 0;
let shortLink = '';
let smsText = '';
let unreadBefore = 0;
let schedulerAt = '';

/** YYYY-MM-DD of an instant in China (UTC+8, no DST). */
const chinaDayOf = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const ok = await runCases([
  {
    name: '王强 signs in, binds his real name and agrees to SMS reminders in 我的 → 消息提醒',
    run: async () => {
      browser = await launchBrowser();
      page = await phonePage(browser);
      s = steps(page);
      await page.goto(product.url);
      await s.agreeToPrivacyPolicy();
      firstCodeAt = Date.now();
      await s.signInBySms(wang.phone, 'tap');
      await s.bindRealName('driver-electronic');
      await s.text('我的证照').waitFor({ timeout: 20_000 });
      expectTrue((await badgeCount(page)) === null, 'a 消息 badge shows before any reminder was sent');
      await shot(page, '01-wallet-no-messages');

      const res = await fetch(`${product.url}/api/v1/me/certificates`, {
        headers: { authorization: `Bearer ${await holderToken(page)}` },
      });
      expectTrue(res.ok, `GET /api/v1/me/certificates → ${res.status}`);
      const certificate = certificateListSchema
        .parse(await res.json())
        .items.find((c) => c.typeCode === 'D071' && c.carrier === 'ELECTRONIC' && c.status === 'VALID');
      expectTrue(certificate?.validUntil, '王强 has no valid electronic 从业资格证 with an end date');
      certificateId = certificate.id;
      validUntil = certificate.validUntil;

      await page
        .getByRole('button', { name: /^我的：/ })
        .filter({ visible: true })
        .first()
        .click();
      await s.text('消息提醒').click();
      await s.text('提醒方式').waitFor({ timeout: 20_000 });
      await shot(page, '02-settings-before-consent');
      const needsConsent = (await s.bodyText()).includes('发送提醒短信需要您单独同意');
      if (needsConsent) {
        await s.button('同意接收短信提醒').click();
        await page
          .locator('.reminder-consent:visible')
          .first()
          .waitFor({ state: 'detached', timeout: 15_000 })
          .catch(() => undefined);
      }
      const smsSwitch = page.getByRole('switch', { name: '短信提醒' }).filter({ visible: true }).first();
      await page.waitForFunction(SWITCH_USABLE, undefined, { timeout: 15_000 });
      if ((await smsSwitch.getAttribute('aria-checked')) !== 'true') {
        await smsSwitch.click();
        await page.waitForFunction(SWITCH_ON, undefined, { timeout: 15_000 });
      }
      const body = await s.bodyText();
      expectTrue(body.includes('138****8003'), 'the settings do not show the masked phone the SMS go to');
      expectTrue(!body.includes(wang.phone), 'the full phone number is on the settings page');
      expectTrue(body.includes('退订'), 'the settings do not say what 退订 means');
      await shot(page, '03-settings-sms-on');
    },
  },
  {
    name: 'the clock moves to 30 days before his 有效期至: the product stops, the scheduler runs at that instant, the product starts again',
    run: async () => {
      const due = new Date(`${validUntil}T10:00:00+08:00`);
      const at = new Date(due.getTime() - 30 * 24 * 60 * 60 * 1000).toISOString();
      schedulerAt = at;
      const port = product.port;
      await product.stop();
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'server/src/cli/admin.ts', 'reminders:run', '--at', at],
        {
          cwd: root,
          env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
          encoding: 'utf8',
          timeout: 180_000,
        },
      );
      expectTrue(
        run.status === 0,
        `reminders:run --at ${at} exited ${run.status}:\n${run.stdout ?? ''}\n${run.stderr ?? ''}`,
      );
      product = await startProduct(env, port);
    },
  },
  {
    name: 'the SMS is in the local outbox: one segment, Chinese, with a short link on our own domain',
    run: async () => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const outbox = consoleSmsListSchema.parse(
          await (await fetch(`${product.url}/api/v1/dev/sms-outbox?phone=${wang.phone}`)).json(),
        );
        const reminder = outbox.items.find((item) => /\/s\/[A-Za-z0-9_-]{1,8}\b/.test(item.text));
        if (reminder) {
          smsText = reminder.text;
          break;
        }
        expectTrue(
          Date.now() < deadline,
          `no reminder SMS with a short link in the outbox: ${JSON.stringify(outbox.items)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      console.log(`    SMS (${smsText.length} chars): ${smsText}`);
      expectTrue(smsText.length <= 70, `the SMS is ${smsText.length} characters, more than one segment`);
      expectTrue(/^【.+】/.test(smsText) || /【.+】$/.test(smsText), 'the SMS has no 【signature】');
      expectTrue(!smsText.includes(wang.name) && !smsText.includes(wang.identityCode), 'the SMS carries personal data');
      const link = /https?:\/\/[^\s，。]+\/s\/[A-Za-z0-9_-]{1,8}/.exec(smsText)?.[0];
      expectTrue(link, `no short link in: ${smsText}`);
      expectTrue(
        link.startsWith(`http://localhost:${product.port}/`) || link.startsWith(product.url),
        `the link is not on our own domain: ${link}`,
      );
      // Same server either way; 127.0.0.1 avoids a resolver question in the sandbox.
      shortLink = `${product.url}${new URL(link).pathname}`;
    },
  },
  {
    name: 'the short link in a FRESH browser: landing page → 在网页中继续 → sign in → the prefilled 延续 of that certificate',
    run: async () => {
      fresh = await browser.newContext({
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      phone = await fresh.newPage();
      ps = steps(phone);
      await phone.goto(shortLink);
      const goOn = phone.getByText('在网页中继续').first();
      await goOn.waitFor({ timeout: 20_000 });
      await screenshot(phone, 'reminders-04-short-link-landing');
      expectTrue(
        ((await phone.evaluate('document.documentElement.scrollWidth')) as number) <= 360,
        'the landing page is wider than 360 px',
      );
      await goOn.click();
      // No session in this browser: the privacy policy, then sign-in, started from the deep link.
      await ps.button('同意并继续').waitFor({ timeout: 20_000 });
      await ps.agreeToPrivacyPolicy();
      // One sign-in code per number per minute: wait out the first device's.
      const wait = firstCodeAt + 62_000 - Date.now();
      if (wait > 0) await phone.waitForTimeout(wait);
      await signInReadingCode(phone, ps);
      await ps
        .text('从业资格证 · 延续')
        .waitFor({ timeout: 20_000 })
        .catch(async (error: unknown) => {
          await screenshot(phone, 'reminders-05-failed-landing');
          const body = (await ps.bodyText()).replace(/\s+/g, ' ').slice(0, 300);
          throw new Error(`after sign-in: ${phone.url()} — ${body}\n${String(error)}`);
        });
      const url = new URL(phone.url());
      expectTrue(url.pathname === '/pkg-apply/pages/start/index', `landed on ${url.pathname}, not the 延续 start page`);
      expectTrue(url.searchParams.get('kind') === 'RENEWAL', `landed without kind=RENEWAL: ${phone.url()}`);
      expectTrue(
        url.searchParams.get('certificateId') === certificateId,
        `landed on another certificate: ${phone.url()}`,
      );
      await ps.text('电子证照 · 证号').waitFor({ timeout: 15_000 });
      expectTrue((await ps.bodyText()).includes('一次性告知'), 'the start page does not show the requirements');
      await shot(phone, '05-renewal-after-sign-in');
    },
  },
  {
    name: 'the wallet counts the reminder on the 消息 badge; 消息 lists it; tapping it opens the same 延续 page',
    run: async () => {
      // The SMS link is on PUBLIC_BASE_URL (localhost), where this browser's session now is.
      const home = new URL(phone.url()).origin;
      await phone.goto(home);
      await ps.text('我的证照').waitFor({ timeout: 20_000 });
      const count = await badgeCount(phone);
      expectTrue(count !== null && count >= 1, `the 消息 badge shows ${count}`);
      unreadBefore = count;
      await shot(phone, '06-wallet-badge');
      await phone.locator('.messages-entry:visible').first().click();
      const row = phone.locator('.message-row:visible', { hasText: '证照即将到期' }).first();
      await row.waitFor({ timeout: 20_000 });
      expectTrue((await ps.bodyText()).includes(`${unreadBefore} 条未读`), `消息 does not say ${unreadBefore} 条未读`);
      expectTrue((await row.locator('.message-row__dot').count()) === 1, 'the reminder has no unread dot');
      await shot(phone, '07-messages');
      await row.click();
      await ps.text('从业资格证 · 延续').waitFor({ timeout: 20_000 });
      expectTrue(
        new URL(phone.url()).searchParams.get('certificateId') === certificateId,
        'the message opened another page',
      );
      await phone.goto(home);
      await ps.text('我的证照').waitFor({ timeout: 20_000 });
      const after = await badgeCount(phone);
      expectTrue((after ?? 0) === unreadBefore - 1, `the badge shows ${after} after reading one of ${unreadBefore}`);
    },
  },
  {
    name: 'the data steward sees the send in 消息提醒 and previews, then sends, a 换领邀请 for paper/IC 从业资格证',
    run: async () => {
      const staff = await phonePage(browser);
      await staffSignIn(staff, product.url, demoSteward);
      await staff.locator('.staff-tabs__tab:visible', { hasText: '消息提醒' }).first().click();
      await staff.locator('.staff-tabs__tab--on:visible', { hasText: '消息提醒' }).waitFor({ timeout: 20_000 });
      await staff.getByText('短信送达率').filter({ visible: true }).first().waitFor({ timeout: 20_000 });
      const st = steps(staff);
      await shot(staff, '08-staff-stats');
      // The page shows the last 7/30/90 days of the real calendar; the reminder went out on the
      // scheduler's day, so that day is asked for directly, with the steward's session.
      const stored = (await staff.evaluate("localStorage.getItem('roadcert:staffAccessToken')")) as string | null;
      const token = (JSON.parse(stored ?? 'null') as { data?: unknown } | null)?.data;
      expectTrue(typeof token === 'string', 'no staff token in the portal storage');
      const day = chinaDayOf(schedulerAt);
      const res = await fetch(`${product.url}/api/v1/staff/reminders/stats?from=${day}&to=${day}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expectTrue(res.ok, `GET /api/v1/staff/reminders/stats → ${res.status} ${await res.clone().text()}`);
      const stats = reminderStatsSchema.parse(await res.json());
      expectTrue(
        stats.totals.sent >= 1,
        `the statistics of ${day} do not count the reminder: ${JSON.stringify(stats.totals)}`,
      );
      await st.button('预览').click();
      const preview = staff.locator('.invitation-preview:visible').first();
      await preview.waitFor({ timeout: 20_000 });
      const previewText = (await preview.textContent()) ?? '';
      expectTrue(/持证人 [\d,]+ 人/.test(previewText), `the preview does not count the holders: ${previewText}`);
      await shot(staff, '09-staff-invitation-preview');
      const sendButton = st.button(/^发送给 \d+ 人$/);
      if ((await sendButton.count()) > 0) {
        await sendButton.click();
        await confirmDialog(staff);
        // 202 at once; the job writes the run in the background, the page follows its progress.
        await st.text(/^已开始发送：\d+ 本证照$/).waitFor({ timeout: 20_000 });
        await shot(staff, '10-staff-invitation-sent');
        await staff.locator('.invitation-run--done:visible').first().waitFor({ timeout: 60_000 });
        const run = (await staff.locator('.invitation-run:visible').first().textContent()) ?? '';
        expectTrue(/已完成/.test(run) && /新加入提醒 [\d,]+ 条/.test(run), `the run did not finish: ${run}`);
        await shot(staff, '11-staff-invitation-done');
      } else {
        console.log('    (no paper/IC 从业资格证 holders to invite in the demo data: not sent)');
      }
    },
  },
]);

await fresh?.close();
await browser?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
