/**
 * Journey: the authority reviewer's workbench (运管, H5 portal only). Two drivers submit a 变更
 * application through the holder API (SMS sign-in via the console outbox, real-name binding); the
 * reviewer finds the 工作人员入口, signs in with password + TOTP (a wrong code first), filters the
 * queue, reads the diff, returns one application with per-field reasons, is told when someone
 * else acted first, approves the other and signs out. Screenshots at 360 px: e2e/screenshots/staff-*.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { consentTexts, type ConsentKind } from '@roadcert/shared';
import type { Browser, Page } from 'playwright-core';
import { expectTrue, runCases, screenshot, startProduct } from '../harness';
import {
  approveApplication,
  confirmDialog,
  enterStaffCode,
  freshTotpCode,
  openApplication,
  queueRow,
  setCertificateStatus,
  staffPasswordStep,
  waitForQueue,
  wrongTotpCode,
} from '../staff-steps';
import { openPortalOnPhone, seeded, type SeededKey, type Steps } from '../steps';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-staff-'));
const product = await startProduct({ DATA_DIR: dataDir });
let browser!: Browser;
let page: Page;
let s: Steps;

type Json = Record<string, unknown> & { items?: Record<string, unknown>[] };

async function api(pathname: string, init: { token?: string; method?: string; body?: unknown } = {}): Promise<Json> {
  const res = await fetch(`${product.url}${pathname}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const json = (await res.json()) as Json;
  if (!res.ok)
    throw Object.assign(
      new Error(
        `${init.method ?? (init.body === undefined ? 'GET' : 'POST')} ${pathname} → ${res.status} ${JSON.stringify(json)}`,
      ),
      { status: res.status, json },
    );
  return json;
}

/** A seeded driver signs in through the holder API (code read from the dev SMS outbox) and binds their real name. */
async function holderToken(key: SeededKey): Promise<string> {
  const person = seeded(key);
  await api('/api/v1/auth/sms-codes', { body: { phone: person.phone } });
  const outbox = await api(`/api/v1/dev/sms-outbox?phone=${person.phone}`);
  const code = /验证码(\d{6})/.exec(String(outbox.items?.[0]?.text ?? ''))?.[1];
  expectTrue(code, `no SMS code in the outbox for ${key}`);
  const session = await api('/api/v1/auth/sms-login', {
    body: { phone: person.phone, code, device: { platform: 'h5', label: 'e2e 持证人' } },
  });
  const token = String(session.accessToken);
  for (const kind of ['PRIVACY_POLICY', 'ID_NUMBER'] as ConsentKind[])
    await api('/api/v1/me/consents', { token, body: { kind, textVersion: consentTexts[kind].version } });
  await api('/api/v1/me/real-name', { token, body: { name: person.name, idNumber: person.identityCode } });
  return token;
}

/** 变更 of the driver's valid 从业资格证 with a new 准驾车型, submitted: an application with one difference from the record. */
async function submitLicenceChange(
  key: SeededKey,
  licenceClasses: string,
): Promise<{ token: string; applicationId: string }> {
  const token = await holderToken(key);
  const certificates = await api('/api/v1/me/certificates', { token });
  const base = certificates.items?.find((c) => c.typeCode === 'D071' && c.status === 'VALID');
  expectTrue(base, `${key} has no valid 从业资格证`);
  const started = await api('/api/v1/me/applications', {
    token,
    body: { typeCode: 'D071', kind: 'CHANGE', baseCertificateId: base.id },
  });
  const applicationId = String(started.id);
  const formData = { ...(started.formData as Record<string, unknown>), licenceClasses };
  await api(`/api/v1/me/applications/${applicationId}/draft`, { token, method: 'PUT', body: { formData } });
  await api(`/api/v1/me/applications/${applicationId}/submit`, {
    token,
    body: { idempotencyKey: `e2e-staff-${key}-${Date.now()}` },
  });
  return { token, applicationId };
}

let zhang: { token: string; applicationId: string };
let wang: { token: string; applicationId: string };
/** The reviewer's token as the portal keeps it (Taro H5 storage wraps values as {"data": …}). */
async function staffToken(): Promise<string> {
  const stored = (await page.evaluate("localStorage.getItem('roadcert:staffAccessToken')")) as string | null;
  const token = (JSON.parse(stored ?? 'null') as { data?: unknown } | null)?.data;
  expectTrue(typeof token === 'string' && token.length > 0, 'no staff token in the portal storage');
  return token;
}

const ok = await runCases([
  {
    name: 'two drivers submit a 变更 of their 从业资格证 through the holder API (SMS outbox, real-name binding)',
    run: async () => {
      zhang = await submitLicenceChange('driver-paper', 'A1');
      // A moment apart, so the queue order (oldest first) is fixed.
      await new Promise((resolve) => setTimeout(resolve, 50));
      wang = await submitLicenceChange('driver-electronic', 'A2');
    },
  },
  {
    name: 'the portal sign-in page has a discreet 工作人员入口 that opens the staff sign-in',
    run: async () => {
      ({ browser, page, s } = await openPortalOnPhone(product.url));
      await s.text('工作人员入口').click();
      await s.text('工作人员登录').waitFor({ timeout: 15_000 });
      // Let the page finish sliding in before the picture.
      await page.waitForFunction(
        "document.querySelector('.staff-sign-in')?.getBoundingClientRect().left === 0",
        undefined,
        { timeout: 10_000 },
      );
      await screenshot(page, 'staff-01-sign-in');
    },
  },
  {
    name: 'a wrong 动态验证码 is refused with SECOND_FACTOR_INVALID in words; the right one opens the queue',
    run: async () => {
      await staffPasswordStep(page, product.url);
      await enterStaffCode(page, wrongTotpCode());
      await s.text(/动态验证码错误/).waitFor({ timeout: 15_000 });
      expectTrue(await s.field('6位数字').isVisible(), 'the code step was left after a wrong code');
      await screenshot(page, 'staff-02-totp-error');
      await enterStaffCode(page, await freshTotpCode());
      await waitForQueue(page);
      expectTrue(
        !(await page.evaluate("localStorage.getItem('roadcert:accessToken')")),
        'the staff sign-in created an account session',
      );
    },
  },
  {
    name: 'the queue lists both applications oldest first, with type, kind and age; the filters narrow it',
    run: async () => {
      await queueRow(page, '王强').waitFor({ timeout: 15_000 });
      const holders = await page.locator('.staff-row:visible .staff-row__holder').allTextContents();
      expectTrue(
        holders.indexOf('张伟') >= 0 && holders.indexOf('张伟') < holders.indexOf('王强'),
        `queue order is not oldest first: ${holders.join(', ')}`,
      );
      const row = (await queueRow(page, '张伟').textContent()) ?? '';
      for (const part of ['道路运输从业人员从业资格证', '变更', '已提交', '今天提交'])
        expectTrue(row.includes(part), `queue row lacks ${part}: ${row}`);
      await screenshot(page, 'staff-03-queue');

      await page.locator('.staff-chip:visible', { hasText: /^延续$/ }).click();
      await s.text('没有符合条件的申请').waitFor({ timeout: 15_000 });
      await page.locator('.staff-chip:visible', { hasText: /^变更$/ }).click();
      await queueRow(page, '张伟').waitFor({ timeout: 15_000 });
      await page.locator('.staff-chip:visible', { hasText: '≥3天' }).click();
      await s.text('没有符合条件的申请').waitFor({ timeout: 15_000 });
      await screenshot(page, 'staff-04-queue-filtered');
      await s.text('清除筛选').click();
      await queueRow(page, '王强').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'the detail shows the form beside the record with the changed 准驾车型 marked; 开始审核 moves it to 审核中',
    run: async () => {
      await openApplication(page, '张伟');
      const changed = page.locator('.staff-compare__row--changed:visible');
      expectTrue((await changed.count()) === 1, `expected one changed row, got ${await changed.count()}`);
      const text = (await changed.textContent()) ?? '';
      expectTrue(
        text.includes('准驾车型') && text.includes('A1') && text.includes('A2'),
        `changed row does not show 准驾车型 A1 vs A2: ${text}`,
      );
      await s.text('与现有记录相比有1项变更').waitFor();
      await s.text('办理要求（一次性告知）').waitFor();
      await screenshot(page, 'staff-05-detail');
      // The workbench on a desktop browser: the comparison beside the actions.
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, 'staff-05-detail-desktop');
      await page.setViewportSize({ width: 360, height: 740 });
      await s.button('开始审核').click();
      await page.locator('.staff-state:visible', { hasText: '审核中' }).waitFor({ timeout: 15_000 });
    },
  },
  {
    name: '退回补正 needs a reason for every field picked, then returns with per-field reasons the holder reads',
    run: async () => {
      await s.button('退回补正').click();
      await page.locator('.staff-return__pick:visible', { hasText: '准驾车型' }).click();
      await page.locator('.staff-return__pick:visible', { hasText: '初领日期' }).click();
      await page
        .locator('textarea[placeholder="准驾车型的退回原因"]:visible')
        .fill('与驾驶证记载的准驾车型不一致，请核对');
      await s.button(/确认退回/).click();
      await s.text('请填写“初领日期”的退回原因').waitFor({ timeout: 10_000 });
      await screenshot(page, 'staff-06-return-form');
      await page.locator('textarea[placeholder="初领日期的退回原因"]:visible').fill('请按驾驶证填写初领日期');
      await s.button(/确认退回/).click();
      await page.locator('.staff-state:visible', { hasText: '已退回补正' }).waitFor({ timeout: 15_000 });
      await s.text(/准驾车型：与驾驶证记载的准驾车型不一致/).waitFor();
      await screenshot(page, 'staff-07-returned');
      const seen = await api(`/api/v1/me/applications/${zhang.applicationId}`, { token: zhang.token });
      expectTrue(seen.state === 'RETURNED', `holder sees ${String(seen.state)}`);
      expectTrue(
        JSON.stringify(seen.returnReasons) ===
          JSON.stringify({
            licenceClasses: '与驾驶证记载的准驾车型不一致，请核对',
            firstIssuedDate: '请按驾驶证填写初领日期',
          }),
        `holder sees reasons ${JSON.stringify(seen.returnReasons)}`,
      );
    },
  },
  {
    name: 'when someone else acted first (APPLICATION_STATE_INVALID) the page says so and shows the current state',
    run: async () => {
      await page.goBack();
      await waitForQueue(page);
      await openApplication(page, '王强');
      // Another reviewer starts the review meanwhile.
      await api(`/api/v1/staff/applications/${wang.applicationId}/start-review`, {
        token: await staffToken(),
        body: {},
      });
      await s.button('开始审核').click();
      await s.text(/状态已发生变化/).waitFor({ timeout: 15_000 });
      await page.locator('.staff-state:visible', { hasText: '审核中' }).waitFor({ timeout: 15_000 });
      expectTrue(!(await s.button('开始审核').isVisible()), '开始审核 is still offered after the refresh');
      await screenshot(page, 'staff-08-someone-else-acted');
    },
  },
  {
    name: '证照状态: the reviewer finds a certificate by number, suspends it with a reason and restores it',
    run: async () => {
      const number = seeded('driver-electronic').identityCode;
      await setCertificateStatus(page, number, 'SUSPENDED', '涉嫌违规，暂扣待查', 'staff-09-suspended');
      await setCertificateStatus(page, number, 'VALID', '核查完毕，恢复使用');
    },
  },
  {
    name: '批准发证 from the queue issues the certificate (已发证), and the holder sees it issued',
    run: async () => {
      await approveApplication(page, '王强', 'staff-10-approved');
      const seen = await api(`/api/v1/me/applications/${wang.applicationId}`, { token: wang.token });
      expectTrue(
        seen.state === 'ISSUED' && typeof seen.issuedCertificateId === 'string',
        `holder sees ${String(seen.state)}`,
      );
    },
  },
  {
    name: '退出登录 ends the staff session and returns to the staff sign-in',
    run: async () => {
      const token = await staffToken();
      await page.locator('.staff-bar__logout:visible').click();
      await confirmDialog(page);
      await s.field('请输入用户名').waitFor({ timeout: 15_000 });
      const after = await fetch(`${product.url}/api/v1/staff/me`, { headers: { authorization: `Bearer ${token}` } });
      expectTrue(after.status === 401, `the staff token still works after 退出登录 (${after.status})`);
    },
  },
]);

await browser?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
