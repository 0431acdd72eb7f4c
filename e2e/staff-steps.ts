/**
 * What an authority reviewer (运管) does in the portal's staff workbench, for any journey:
 * sign in with password + TOTP, approve an application from the queue, change a certificate's
 * status. The demo reviewer's password and TOTP secret are the published demo ones (README).
 */
import { maskPersonName } from '@roadcert/shared';
import type { Locator, Page } from 'playwright-core';
import { demoStaff, demoSteward } from '../server/src/seed/staff';
import { base32Decode, hotp, TOTP_STEP_SECONDS, totpStep } from '../server/src/modules/staff';
import { expectTrue, screenshot } from './harness';
import { steps } from './steps';

export const staffLoginPath = '/pkg-staff/pages/login/index';

/** A demo staff account: the reviewer (440100) or the data steward (440000). */
export type DemoStaffAccount = typeof demoStaff | typeof demoSteward;
export { demoStaff, demoSteward };

/** The server accepts each time step once per account (RFC 6238 §5.2); this process remembers the last one it used. */
const lastUsedSteps = new Map<string, number>();

/**
 * The code an authenticator app shows now, for a step not used yet: when this process already
 * signed in during the current 30-second step, it waits for the next one, as a person would.
 */
export async function freshTotpCode(who: DemoStaffAccount = demoStaff): Promise<string> {
  const lastUsedStep = lastUsedSteps.get(who.username) ?? -1;
  let step = totpStep(new Date());
  if (step <= lastUsedStep) {
    const wait = (lastUsedStep + 1) * TOTP_STEP_SECONDS * 1000 - Date.now() + 200;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    step = totpStep(new Date());
  }
  lastUsedSteps.set(who.username, step);
  return hotp(base32Decode(who.totpSecret), step);
}

/** A code that is surely wrong now: none of the steps the server accepts (previous, current, next). */
export function wrongTotpCode(): string {
  const now = totpStep(new Date());
  const secret = base32Decode(demoStaff.totpSecret);
  const accepted = new Set([-1, 0, 1, 2].map((offset) => hotp(secret, now + offset)));
  for (const candidate of ['000000', '111111', '222222', '333333']) if (!accepted.has(candidate)) return candidate;
  throw new Error('no wrong code found');
}

/** The password step: username + password → the 动态验证码 step. */
export async function staffPasswordStep(
  page: Page,
  productUrl: string,
  who: DemoStaffAccount = demoStaff,
): Promise<void> {
  const s = steps(page);
  await page.goto(`${productUrl}${staffLoginPath}`);
  await s.field('请输入用户名').waitFor({ timeout: 20_000 });
  await s.field('请输入用户名').fill(who.username);
  await s.field('请输入密码').fill(who.password);
  await s.button('下一步').click();
  await s.field('6位数字').waitFor({ timeout: 15_000 });
}

/** Types a code and taps 登录. */
export async function enterStaffCode(page: Page, code: string): Promise<void> {
  const s = steps(page);
  await s.field('6位数字').fill(code);
  await s.button(/^登录$/).click();
}

/** Goes to the staff sign-in page and signs the demo reviewer in: password, then the current TOTP code. Ends on the review queue. */
export async function staffSignIn(page: Page, productUrl: string, who: DemoStaffAccount = demoStaff): Promise<void> {
  await staffPasswordStep(page, productUrl, who);
  await enterStaffCode(page, await freshTotpCode(who));
  await waitForQueue(page);
}

/** The review queue has loaded (its count heading shows). */
export async function waitForQueue(page: Page): Promise<void> {
  await page.locator('.staff-tabs__tab--on:visible', { hasText: '审核队列' }).waitFor({ timeout: 20_000 });
  await page
    .getByText(/^申请（\d+件）$/)
    .filter({ visible: true })
    .first()
    .waitFor({ timeout: 20_000 });
}

/** The queue row of a holder's application: the queue may show the name in full or masked (张*). */
export function queueRow(page: Page, holderName: string): Locator {
  const names = [holderName, maskPersonName(holderName)].map((name) => name.replace(/[*]/g, '\\*'));
  return page
    .locator('.staff-row:visible')
    .filter({ has: page.locator('.staff-row__holder', { hasText: new RegExp(`^(${names.join('|')})$`) }) })
    .first();
}

/** Opens the holder's application from the queue (going to the queue first when elsewhere). */
export async function openApplication(page: Page, holderName: string): Promise<void> {
  const onQueue = await page.locator('.staff-tabs__tab--on:visible', { hasText: '审核队列' }).count();
  if (!onQueue) {
    await page.locator('.staff-tabs__tab:visible', { hasText: '审核队列' }).click();
    await waitForQueue(page);
  }
  const row = queueRow(page, holderName);
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await page.locator('.staff-detail:visible').waitFor({ timeout: 15_000 });
  await page.getByText('信息对照').filter({ visible: true }).first().waitFor({ timeout: 15_000 });
}

/** Confirms Taro's H5 modal (showModal). */
export async function confirmDialog(page: Page): Promise<void> {
  const confirm = page.locator('.taro-model__confirm');
  await confirm.waitFor({ timeout: 10_000 });
  await confirm.click();
}

/** Queue → the holder's application → 批准发证 → confirm → the page shows 已发证. */
export async function approveApplication(page: Page, holderName: string, shot?: string): Promise<void> {
  const s = steps(page);
  await openApplication(page, holderName);
  await s.button('批准发证').click();
  await confirmDialog(page);
  // Either the issued outcome, or an error in words (which is then the failure message).
  const outcome = page.locator('.staff-outcome--ok:visible, .staff-notice:visible, .rc-form-error:visible').first();
  await outcome.waitFor({ timeout: 20_000 });
  const said = (await outcome.textContent()) ?? '';
  expectTrue(await page.locator('.staff-outcome--ok:visible').count(), `批准发证 did not issue: ${said}`);
  expectTrue(
    (await page.locator('.staff-outcome--ok:visible').textContent())?.includes('已发证'),
    'the approved application does not say 已发证',
  );
  if (shot) {
    await page.locator('.staff-outcome--ok:visible').scrollIntoViewIfNeeded();
    await screenshot(page, shot);
  }
}

const statusButton: Record<'REVOKED' | 'SUSPENDED' | 'VALID', { label: string; shows: string }> = {
  REVOKED: { label: '吊销', shows: '已吊销' },
  SUSPENDED: { label: '暂停', shows: '已暂扣' },
  VALID: { label: '恢复', shows: '有效' },
};

/** 证照状态 → find by number → 吊销 / 暂停 / 恢复 with a reason → confirm → the new status shows. */
export async function setCertificateStatus(
  page: Page,
  number: string,
  status: 'REVOKED' | 'SUSPENDED' | 'VALID',
  reason: string,
  shot?: string,
): Promise<void> {
  const s = steps(page);
  await page.locator('.staff-tabs__tab:visible', { hasText: '证照状态' }).click();
  await s.field('输入完整证照号码').waitFor({ timeout: 15_000 });
  await s.field('输入完整证照号码').fill(number);
  await s.button(/^查找$/).click();
  const cards = page.locator('.staff-cert:visible');
  await cards.first().waitFor({ timeout: 15_000 });
  const { label, shows } = statusButton[status];
  // The same number can find several certificates (a paper one and the electronic one that
  // replaced it): act on the first that offers the change.
  let index = -1;
  for (let i = 0; i < (await cards.count()) && index < 0; i += 1) {
    if (
      (await cards
        .nth(i)
        .locator('.nut-button', { hasText: new RegExp(`^${label}$`) })
        .count()) > 0
    )
      index = i;
  }
  expectTrue(index >= 0, `no certificate numbered ${number} offers ${label}`);
  const card = cards.nth(index);
  await card.locator('.nut-button', { hasText: new RegExp(`^${label}$`) }).click();
  await card.locator('textarea').fill(reason);
  await card.locator('.nut-button', { hasText: `确认${label}` }).click();
  await confirmDialog(page);
  await card.locator('.staff-badge', { hasText: shows }).waitFor({ timeout: 15_000 });
  if (shot) await screenshot(page, shot);
}
