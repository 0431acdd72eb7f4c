/**
 * 加注件 and 证照查询 end to end: the operator's legal representative (黄建国) shares the operator's
 * 经营许可证 and every vehicle's 道路运输证 with a shipper for 运输合同; the link opens in a fresh
 * browser (no session) with every certificate under a watermark; the opening shows in 用证记录;
 * revoking it closes the link. Then the public lookup with a seeded paper number + name.
 * Screenshots (360-px phone) land in e2e/screenshots/sharing-*.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expectTrue, phonePage, runCases, screenshot, startProduct } from '../harness';
import { openPortalOnPhone, seeded, steps, type Steps } from '../steps';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-sharing-'));
const product = await startProduct({ DATA_DIR: dataDir });
/**
 * Screenshot once the page has settled: no page sliding in (Taro H5 animates navigation) and
 * nothing wider than the 360-px phone — a layout that overflows sideways fails here.
 */
async function shot(page: Page, name: string): Promise<void> {
  await page
    .waitForFunction('document.documentElement.scrollWidth <= window.innerWidth', undefined, { timeout: 5_000 })
    .catch(() => {
      throw new Error(`${name}: the page is wider than the phone`);
    });
  await screenshot(page, `sharing-${name}`);
}
const PLATES = ['粤A3K7Q2', '粤A6M2X9', '粤AD12345', '粤A8N5T1', '粤A1R8W6'];
const SHIPPER = '广州货主贸易有限公司';

/** The share QR as a phone camera reads it: the rendered canvas through an independent decoder. */
async function readQr(page: Page): Promise<string> {
  const canvas = page.locator('canvas.qr-canvas:visible').first();
  await canvas.waitFor({ timeout: 15_000 });
  const png = PNG.sync.read(await canvas.screenshot());
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  expectTrue(code, 'the share QR does not decode');
  return code.data;
}

let browser!: Browser;
let page: Page;
let s: Steps;
let link = '';
/** A second phone: the shipper, who has never used the product. */
let shipper: Page;

const ok = await runCases([
  {
    name: 'the sign-in page offers 证照查询 without signing in',
    run: async () => {
      ({ browser, page, s } = await openPortalOnPhone(product.url));
      await s.text('证照查询').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: '黄建国 signs in, binds his real name and activates the operator',
    run: async () => {
      const rep = seeded('operator-legal-rep');
      const operator = seeded('operator');
      await s.signInBySms(rep.phone, 'tap');
      await s.bindRealName('operator-legal-rep');
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
      await s.text('法定代表人').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: "from the operator page he shares the licence and all vehicles' 道路运输证 with a shipper for 运输合同",
    run: async () => {
      await s.button('分享企业证照').click();
      await s.text('选择证照').waitFor({ timeout: 15_000 });
      // Coming from the operator page, every certificate of the operator is ticked.
      await s.button(/生成分享链接（6张证照）/).waitFor({ timeout: 15_000 });
      expectTrue(
        (await page.locator('.share-pick__row--on:visible').count()) === 6,
        'not all six operator certificates are preselected',
      );
      expectTrue(
        (await s.bodyText()).includes('取消全选'),
        'the operator group does not show 取消全选 when all are ticked',
      );
      await shot(page, '01-choose');
      // Without a purpose the form says so and sends nothing.
      await s.button(/生成分享链接/).click();
      await s.text('请选择分享事由').waitFor();
      await page.locator('.rc-chips__chip:visible', { hasText: '运输合同' }).click();
      await s.field('如：某某物流有限公司').fill(SHIPPER);
      await page.locator('.rc-chips__chip:visible', { hasText: '7天' }).click();
      expectTrue(!(await s.bodyText()).includes('请选择分享事由'), 'the purpose error stays after choosing one');
      await shot(page, '02-purpose-expiry');
      await s.button(/生成分享链接/).click();
      await s.text('分享链接已生成').waitFor({ timeout: 15_000 });
      link = ((await page.locator('.share-result__link:visible').textContent()) ?? '').trim();
      expectTrue(/\/s\/[A-Za-z0-9_-]{16,}$/.test(link), `no share link on the page: "${link}"`);
      expectTrue((await readQr(page)) === link, 'the QR does not carry the link shown');
      await shot(page, '03-created');
    },
  },
  {
    name: 'the link opens in a fresh browser (no session) showing every certificate under the watermark',
    run: async () => {
      shipper = await phonePage(browser);
      await shipper.goto(link);
      await shipper.locator('.shared-face').first().waitFor({ timeout: 20_000 });
      expectTrue(
        shipper.url().includes('/pkg-verify/pages/share/index?s='),
        `the link did not land on the share page: ${shipper.url()}`,
      );
      expectTrue((await shipper.locator('.shared-face').count()) === 6, 'not all six certificates are shown');
      const body = (await shipper.textContent('body')) ?? '';
      expectTrue(body.includes('道路运输经营许可证'), 'the operating licence is missing');
      for (const plate of PLATES) expectTrue(body.includes(plate), `vehicle ${plate} is missing`);
      expectTrue(body.includes('仅供运输合同使用'), 'the purpose is not shown');
      // The watermark lies over every face: purpose, recipient, expiry.
      const faces = await shipper.locator('.shared-face').all();
      for (const face of faces) {
        const marks = (await face.locator('.watermark__line').allTextContents()).join(' ');
        expectTrue(
          marks.includes('仅供运输合同使用') && marks.includes(`提供给 ${SHIPPER}`) && marks.includes('前有效'),
          `a face lacks the watermark: "${marks}"`,
        );
      }
      const box = await shipper.locator('.watermark').first().boundingBox();
      expectTrue(box && box.width > 250 && box.height > 150, 'the watermark does not cover the face');
      expectTrue(!body.includes('440104197003153315'), "the legal representative's ID number is on the page");
      await shot(shipper, '04-opened');
    },
  },
  {
    name: '用证记录 shows the opening',
    run: async () => {
      await page.goto(product.url);
      await page
        .getByRole('button', { name: /^我的：/ })
        .filter({ visible: true })
        .first()
        .click();
      await s.text('用证记录').click();
      await s.text('分享打开').waitFor({ timeout: 15_000 });
      const body = await s.bodyText();
      expectTrue(body.includes('加注件链接被打开'), 'the share opening is not explained');
      await shot(page, '05-usage');
    },
  },
  {
    name: '我的分享 counts the opening; 撤销 (confirmed) closes the link, which then says 已撤销',
    run: async () => {
      await page.goBack();
      await s.text('我的分享').click();
      await s.text('被打开 1 次').waitFor({ timeout: 15_000 });
      expectTrue((await s.bodyText()).includes(`接收方：${SHIPPER}`), 'the recipient is not listed');
      await shot(page, '06-my-shares');
      await s.button(/^撤销$/).click();
      await page.locator('.taro-model__confirm').click();
      await page.locator('.share-row__state--revoked:visible').waitFor({ timeout: 15_000 });
      await shot(page, '07-revoked');

      await shipper.reload();
      await shipper.getByText('分享已撤销').waitFor({ timeout: 15_000 });
      expectTrue((await shipper.locator('.shared-face').count()) === 0, 'certificates still shown after revocation');
      await shot(shipper, '08-link-revoked');
    },
  },
  {
    name: "a certificate's own page offers 分享证照 (that one certificate) and its 用证记录",
    run: async () => {
      await page.goto(product.url);
      await page.locator('.cert-card__more:visible').first().click();
      await s.text('用证记录').waitFor({ timeout: 15_000 });
      await s.text('分享证照').click();
      await s.button(/生成分享链接（1张证照）/).waitFor({ timeout: 15_000 });
      expectTrue(
        (await page.locator('.share-pick__row--on:visible').count()) === 1,
        'the certificate the page came from is not the one ticked',
      );
    },
  },
  {
    name: 'the public lookup checks fields, then answers a seeded paper number + name with status and validity only',
    run: async () => {
      const visitor = await phonePage(browser);
      const v = steps(visitor);
      await visitor.goto(`${product.url}/pkg-verify/pages/lookup/index`);
      await v.button(/^查询$/).waitFor({ timeout: 20_000 });
      await v.button(/^查询$/).click();
      await v.text('请输入证号').waitFor();
      // 张伟: paper 从业资格证, valid; the number is his ID number.
      const driver = seeded('driver-paper');
      await v.field('请输入证号').fill(driver.identityCode);
      await v.field('持证人姓名').fill(driver.name);
      await v.button(/^查询$/).click();
      await visitor.locator('.lookup-result--valid').waitFor({ timeout: 15_000 });
      // The answer is brought into view (it appears below the form).
      await visitor.waitForFunction(
        "(document.querySelector('.lookup-result')?.getBoundingClientRect().bottom ?? 9999) <= window.innerHeight + 1",
        undefined,
        { timeout: 5_000 },
      );
      expectTrue(
        (await visitor.locator('.lookup-result').textContent())?.includes('有效期至'),
        'no validity in the result',
      );
      await shot(visitor, '09-lookup-paper');

      // 王强: his paper number was replaced by an electronic certificate.
      const replaced = seeded('driver-electronic');
      await v.field('请输入证号').fill(replaced.identityCode);
      await v.field('持证人姓名').fill(replaced.name);
      await v.button(/^查询$/).click();
      await visitor.locator('.lookup-result__replaced').waitFor({ timeout: 15_000 });
      expectTrue(
        (await visitor.locator('.lookup-result').textContent())?.includes('已换发电子证照'),
        '已换发电子证照 not explained',
      );
      const body = (await visitor.textContent('body')) ?? '';
      expectTrue(!body.includes('王*') && !body.includes('B2'), 'the lookup shows more than status and validity');
      await shot(visitor, '10-lookup-replaced');
    },
  },
]);

await browser?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
