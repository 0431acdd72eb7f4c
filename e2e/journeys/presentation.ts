/**
 * 亮证 and 核验 end to end: 王强 (an activated electronic 从业资格证) signs in, opens the
 * certificate and 亮证; the QR rotates on its own (a 15-second window for the test); any phone
 * camera's browser opens the QR's URL and sees 有效 (anonymous: masked) — and a signed-in
 * reviewer sees the wider view; the reviewer revokes the certificate; the holder screen turns
 * red with the reason, and a token of the same kind now verifies as 无效. The QR is read the way
 * a camera reads it: the rendered canvas, decoded by an independent decoder (jsQR).
 * Screenshots (360-px phone) land in e2e/screenshots/presentation-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectTrue, freePort, phonePage, runCases, screenshot, startProduct } from '../harness';
import { setCertificateStatus, staffSignIn } from '../staff-steps';
import { openPortalOnPhone, readQr, seeded, steps } from '../steps';

const WINDOW_SECONDS = 15;
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-presentation-'));
const port = await freePort();
const product = await startProduct(
  {
    DATA_DIR: dataDir,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    // Short windows so the rotation shows within the test; an hour of them instead of a day.
    PRESENTATION_TOKEN_WINDOW_SECONDS: String(WINDOW_SECONDS),
    PRESENTATION_BATCH_HOURS: '1',
    PRESENTATION_BATCH_MAX_HOURS: '1',
  },
  port,
);
const shot = (page: Page, name: string) => screenshot(page, `presentation-${name}`);
const driver = seeded('driver-electronic');

let browser!: Browser;
/** The holder's phone. */
let holder: Page;
/** Anyone's phone camera: a browser that has never seen the product. */
let camera: Page;
/** The reviewer's browser (运管). */
let reviewer: Page;
let firstQr = '';

/** Opens a QR's URL the way a camera app does, and waits for the verdict. */
async function openInBrowser(page: Page, url: string): Promise<string> {
  await page.goto(url);
  const title = page.locator('.verdict__title:visible').first();
  await title.waitFor({ timeout: 20_000 });
  return (await title.textContent()) ?? '';
}

const ok = await runCases([
  {
    name: '王强 signs in, binds his real name and opens his activated electronic 从业资格证',
    run: async () => {
      const opened = await openPortalOnPhone(product.url);
      ({ browser, page: holder } = opened);
      const { s } = opened;
      await s.signInBySms(driver.phone, 'tap');
      await s.bindRealName('driver-electronic');
      await s.openActivatedCertificate();
      await s.button('亮证').waitFor({ timeout: 15_000 });
      await shot(holder, '01-detail');
    },
  },
  {
    name: '亮证 shows the face, a live clock and a QR (version ≤ 10) that decodes to the verify URL',
    run: async () => {
      const s = steps(holder);
      await s.button('亮证').click();
      await s.text(/秒后自动刷新/).waitFor({ timeout: 20_000 });
      const { text, version } = await readQr(holder);
      expectTrue(
        text.startsWith(`${product.url}/v/`) && /\/v\/\d+$/.test(text),
        `the QR is not a verify URL: ${text.slice(0, 60)}`,
      );
      expectTrue(version <= 10, `QR version ${version} > 10`);
      console.log(
        `    holder QR: version ${version} at M, ${text.length} characters (${text.length - text.lastIndexOf('/v/') - 3} token digits)`,
      );
      firstQr = text;
      const body = await s.bodyText();
      expectTrue(body.includes(driver.name), 'the holder name is not on the face');
      expectTrue(body.includes('王*'), 'the masked-name watermark is missing');
      expectTrue(body.includes(`二维码每${WINDOW_SECONDS}秒自动刷新`), 'the refresh note does not give the window');
      expectTrue(!body.includes(driver.identityCode), 'the full ID number is on the holder screen');
      await shot(holder, '02-present');
      await holder.locator('.present__foot:visible').scrollIntoViewIfNeeded();
      await shot(holder, '02b-present-face');
      await holder.locator('.present__bar:visible').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'the QR rotates on its own: a new token after the window, and the clock has moved on',
    run: async () => {
      const clock = holder.locator('.present__clock:visible').first();
      const before = await clock.textContent();
      const deadline = Date.now() + (WINDOW_SECONDS + 10) * 1000;
      let current = firstQr;
      while (current === firstQr && Date.now() < deadline) {
        await holder.waitForTimeout(1000);
        current = (await readQr(holder)).text;
      }
      expectTrue(current !== firstQr, `the QR did not change within ${WINDOW_SECONDS + 10} s`);
      expectTrue((await clock.textContent()) !== before, 'the clock did not tick');
      firstQr = current;
      await shot(holder, '03-rotated');
    },
  },
  {
    name: 'without a network the screen says 离线 and keeps rotating: each QR derived from the material kept on the phone',
    run: async () => {
      // Token version 2: one entry holding the day's anchors and seeds; the phone derives each QR.
      const kept = (await holder.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('roadcert:presentation:') && (localStorage.getItem(key) ?? '').includes('anchor')).length",
      )) as number;
      expectTrue(kept >= 1, `no presentation material kept on the device (${kept} entries)`);
      await holder.context().setOffline(true);
      await holder.locator('.present__net--offline:visible', { hasText: '离线' }).waitFor({ timeout: 10_000 });
      const before = (await readQr(holder)).text;
      const deadline = Date.now() + (WINDOW_SECONDS + 10) * 1000;
      let current = before;
      while (current === before && Date.now() < deadline) {
        await holder.waitForTimeout(1000);
        current = (await readQr(holder)).text;
      }
      expectTrue(current !== before, 'the QR did not rotate offline');
      await shot(holder, '03b-offline');
      await holder.context().setOffline(false);
      await holder.locator('.present__net:visible', { hasText: '在线' }).waitFor({ timeout: 10_000 });
      firstQr = current;
    },
  },
  {
    name: "a phone camera's browser opens the QR's URL: 有效, minimal masked face",
    run: async () => {
      camera = await phonePage(browser);
      const verdict = await openInBrowser(camera, firstQr);
      const body = (await camera.textContent('body')) ?? '';
      expectTrue(verdict === '有效', `verdict is ${verdict}, expected 有效 (${body.slice(0, 200)})`);
      // The verdict is in the first response (server-rendered, no script): the URL stays /v/….
      expectTrue(/\/v\/\d+$/.test(camera.url()), `the QR URL was redirected: ${camera.url()}`);
      expectTrue((await camera.locator('script').count()) === 0, 'the verdict page loads scripts');
      expectTrue(body.includes('王*') && !body.includes(driver.name), 'the anonymous view is not masked');
      expectTrue(!body.includes(driver.identityCode), 'the full ID number is on the verify page');
      await shot(camera, '04-verify-valid');
    },
  },
  {
    name: 'a signed-in reviewer opening the same kind of QR sees the wider view',
    run: async () => {
      reviewer = await phonePage(browser);
      await staffSignIn(reviewer, product.url);
      // The QR's page is the anonymous verdict; its link opens the portal's verify page, where
      // the signed-in reviewer's session widens the view.
      expectTrue((await openInBrowser(reviewer, (await readQr(holder)).text)) === '有效', 'reviewer: not 有效');
      await reviewer.getByText('在核验页打开').click();
      await reviewer.waitForURL(/\/pkg-verify\/pages\/verify\/index\?t=\d+/);
      const title = reviewer.locator('.verdict__title:visible').first();
      await title.waitFor({ timeout: 20_000 });
      const verdict = (await title.textContent()) ?? '';
      expectTrue(verdict === '有效', `reviewer verdict is ${verdict}`);
      const body = (await reviewer.textContent('body')) ?? '';
      expectTrue(
        body.includes('工作人员视图') && body.includes(driver.name),
        'the reviewer does not get the wider view',
      );
      await shot(reviewer, '05-verify-staff');
    },
  },
  {
    name: 'the reviewer revokes the certificate; the holder screen turns red with the reason',
    run: async () => {
      // Back past the portal's verify page and the QR's page to the workbench.
      await reviewer.goBack();
      await reviewer.goBack();
      await setCertificateStatus(reviewer, driver.identityCode, 'REVOKED', '端到端测试：吊销后亮证无效');
      await holder.reload();
      await holder.locator('.present-qr__verdict:visible').waitFor({ timeout: 20_000 });
      const body = (await holder.textContent('body')) ?? '';
      expectTrue(
        body.includes('证照无效') && body.includes('吊销'),
        `the holder screen does not say why it is red: ${body.slice(0, 200)}`,
      );
      await shot(holder, '06-holder-revoked');
    },
  },
  {
    name: 'a token of the same kind (kept on the phone before the revocation) now verifies as 无效',
    run: async () => {
      const { text } = await readQr(holder);
      const verdict = await openInBrowser(camera, text);
      const body = (await camera.textContent('body')) ?? '';
      expectTrue(verdict === '无效', `verdict is ${verdict}, expected 无效`);
      expectTrue(body.includes('吊销'), 'the reason (吊销) is not shown');
      await shot(camera, '07-verify-revoked');
    },
  },
]);

await browser?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
