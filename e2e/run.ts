/**
 * End-to-end: the product as `npm start` runs it (embedded PGlite, generated keys, demo
 * data on first start), the built H5 portal in headless Chromium on a 360-px phone.
 * Screenshots land in e2e/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectTrue, launchBrowser, phonePage, runCases, screenshot, startProduct } from './harness';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-'));
const env = { DATA_DIR: dataDir };
let product = await startProduct(env);
let browser: Browser;
let page: Page;

const ok = await runCases([
  {
    name: 'first start seeds demo data and the portal opens on the sign-in page',
    run: async () => {
      expectTrue(/seeded demo data/.test(product.output()), 'no "seeded demo data" log line on first start');
      browser = await launchBrowser();
      page = await phonePage(browser);
      await page.goto(product.url);
      await page.getByText('以此身份进入').first().waitFor({ timeout: 20_000 });
      expectTrue((await page.textContent('body'))?.includes('演示登录'), 'the demo sign-in is not labelled 演示登录');
      await screenshot(page, '01-demo-sign-in');
    },
  },
  {
    name: "the demo driver signs in and sees their certificates, number masked",
    run: async () => {
      await page.getByText('张*').first().waitFor();
      // The card for 张* is the first demo holder; its button is the first one.
      await page.locator('.nut-button', { hasText: '以此身份进入' }).first().click();
      await page.locator('#app').getByText('我的证照').waitFor({ timeout: 15_000 });
      await page.getByText('道路运输从业人员从业资格证').first().waitFor();
      const body = await page.textContent('body');
      expectTrue(body?.includes('纸质证'), 'carrier 纸质证 not shown');
      expectTrue(body?.includes('4401**********'), 'masked ID-number certificate number not shown');
      expectTrue(!/44010619850312451\d/.test(body ?? ''), 'the full ID number is on the page');
      expectTrue(body?.includes('演示登录'), 'the demo banner is missing on the home page');
      await screenshot(page, '02-home-driver');
    },
  },
  {
    name: 'the operator sees its licence and every vehicle certificate with plates',
    run: async () => {
      await page.evaluate('localStorage.clear()');
      await page.goto(product.url);
      await page.getByText('广州顺达物流有限公司').first().waitFor({ timeout: 15_000 });
      const cards = page.locator('.nut-button', { hasText: '以此身份进入' });
      await cards.nth((await cards.count()) - 1).click();
      await page.getByText('道路运输经营许可证').first().waitFor({ timeout: 15_000 });
      for (const plate of ['粤A3K7Q2', '粤AD12345', '粤A1R8W6']) await page.getByText(plate).first().waitFor();
      await screenshot(page, '03-home-operator');
    },
  },
  {
    name: 'a restart keeps the data and the signed-in session (keys persist in DATA_DIR)',
    run: async () => {
      const code = await product.stop();
      expectTrue(code === 0, `graceful shutdown exited with ${code}`);
      product = await startProduct(env, product.port);
      expectTrue(!/seeded demo data/.test(product.output()), 'demo data was seeded again on restart');
      await page.goto(product.url);
      await page.getByText('粤AD12345').first().waitFor({ timeout: 20_000 });
    },
  },
  {
    name: 'a signed-out visitor is sent to sign-in (401 handled, no blank page)',
    run: async () => {
      await page.evaluate('localStorage.clear()');
      await page.goto(`${product.url}/pages/index/index`);
      await page.getByText('以此身份进入').first().waitFor({ timeout: 15_000 });
    },
  },
]);

await browser!?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
