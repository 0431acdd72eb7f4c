/**
 * End-to-end: the product as `npm start` runs it (embedded PGlite, generated keys, demo
 * data on first start, console SMS and the local face stand-in), the built H5 portal in
 * headless Chromium on a 360-px phone. Everyone signs in the real way: phone + SMS code
 * (read from the page's 本地模拟短信 panel), then real-name binding with the seeded name and
 * ID number. Screenshots land in e2e/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { consoleSmsListSchema } from '@roadcert/shared';
import type { Browser, Page } from 'playwright-core';
import { expectTrue, launchBrowser, phonePage, runCases, screenshot, startProduct } from '../harness';
import { seeded, steps, type Steps } from '../steps';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-'));
const env = { DATA_DIR: dataDir };
let product = await startProduct(env);
let browser!: Browser;
let page: Page;
let s: Steps;

const ok = await runCases([
  {
    name: 'first start seeds demo data; the portal asks for the privacy policy, then offers SMS sign-in (and nothing else)',
    run: async () => {
      expectTrue(/seeded demo data/.test(product.output()), 'no "seeded demo data" log line on first start');
      browser = await launchBrowser();
      page = await phonePage(browser);
      s = steps(page);
      await page.goto(product.url);
      await s.button('同意并继续').waitFor({ timeout: 20_000 });
      expectTrue((await s.bodyText()).includes('《隐私政策》'), 'the first-run privacy policy is not shown');
      await screenshot(page, '01-privacy-policy');
      await s.agreeToPrivacyPolicy();
      const body = await s.bodyText();
      expectTrue(body.includes('获取验证码'), 'no SMS sign-in after agreeing');
      expectTrue(!body.includes('演示'), 'the sign-in page still offers a demo sign-in');
      await screenshot(page, '02-sign-in');
    },
  },
  {
    name: 'a seeded driver (张伟, paper 从业资格证) signs in by SMS code, binds their real name and sees their certificates, number masked',
    run: async () => {
      const driver = seeded('driver-paper');
      const code = await s.signInBySms(driver.phone, 'type', '03-sms-code');
      // The panel shows what the console stand-in recorded, nothing else.
      const outbox = consoleSmsListSchema.parse(
        await (await fetch(`${product.url}/api/v1/dev/sms-outbox?phone=${driver.phone}`)).json(),
      );
      expectTrue(
        outbox.items[0]?.text.includes(`验证码${code}`),
        'the code on the page is not the one in the local SMS outbox',
      );
      await s.bindRealName('driver-paper');
      await page.locator('#app').getByText('我的证照').waitFor({ timeout: 15_000 });
      await s.text('道路运输从业人员从业资格证').waitFor({ timeout: 15_000 });
      const body = await s.bodyText();
      expectTrue(body.includes('纸质证'), 'carrier 纸质证 not shown');
      expectTrue(body.includes('4401**********'), 'masked ID-number certificate number not shown');
      expectTrue(!body.includes(driver.identityCode), 'the full ID number is on the page');
      expectTrue(!body.includes('演示'), 'a demo label is on the home page');
      await screenshot(page, '04-home-driver');
    },
  },
  {
    name: "the operator's legal representative (黄建国) signs in, binds his real name, activates the operator and sees its licence and every vehicle certificate",
    run: async () => {
      await s.signOut();
      const rep = seeded('operator-legal-rep');
      const operator = seeded('operator');
      await s.signInBySms(rep.phone, 'tap');
      await s.bindRealName('operator-legal-rep');
      // Bound, but nothing is issued to him personally: the operator's certificates need activation.
      await s.text('暂无证照').waitFor({ timeout: 15_000 });

      await page
        .getByRole('button', { name: /^我的：/ })
        .filter({ visible: true })
        .first()
        .click();
      await s.text('企业账号与员工授权').click();
      await s.field('18位代码').fill(operator.identityCode);
      await s.field('请输入姓名').fill(rep.name);
      await s.field('18位身份证号码').fill(rep.identityCode);
      await s.button('激活企业账号').click();
      await s.text(operator.name).waitFor({ timeout: 15_000 });
      await s.text('法定代表人').waitFor({ timeout: 15_000 });
      await screenshot(page, '05-operator-activated');

      // Back (operator → 我的 → 我的证照), as a person would; the list reloads on return.
      await page.goBack();
      await page.goBack();
      await s.text('道路运输经营许可证').waitFor({ timeout: 15_000 });
      for (const plate of ['粤A3K7Q2', '粤AD12345', '粤A1R8W6']) await s.text(plate).waitFor();
      await screenshot(page, '06-home-operator');
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
      await s.text('粤AD12345').waitFor({ timeout: 20_000 });
    },
  },
  {
    name: 'a signed-out visitor is sent to sign-in (401 handled, no blank page)',
    run: async () => {
      await page.evaluate('localStorage.clear()');
      await page.goto(`${product.url}/pages/index/index`);
      await s.agreeToPrivacyPolicy();
    },
  },
  {
    name: 'a driver signs in by SMS code, binds their real name, passes the stand-in face check and activates their certificate',
    run: async () => {
      // 陈静 (demo data): an electronic 网约车驾驶员证 that is not activated yet.
      await s.signInBySms(seeded('driver-ride-hailing').phone, 'tap');
      await s.bindRealName('driver-ride-hailing');

      await s.button('激活').waitFor({ timeout: 15_000 });
      await s.button('激活').click();
      await s.text('我已阅读并同意《人脸信息处理单独同意》').click();
      await s.button('开始人脸核验').click();
      await s.text('本地模拟人脸核验（非真实核验）').waitFor({ timeout: 15_000 });
      await screenshot(page, '07-face-stand-in');
      await s.button(/^通过$/).click();
      await s.button('确认激活').click();
      await s.text('激活成功').waitFor({ timeout: 15_000 });
      await screenshot(page, '08-activated');

      await s.button('返回证照').click();
      // Wait out the page transition, so the screenshot is of the list, not the page leaving.
      await page
        .locator('.nut-button:visible', { hasText: '返回证照' })
        .waitFor({ state: 'detached', timeout: 15_000 });
      await page.locator('.cert-card__activated:visible').first().waitFor({ timeout: 15_000 });
      await screenshot(page, '09-home-activated');
    },
  },
]);

await browser?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
