/**
 * End-to-end: a seeded driver with a paper 从业资格证 (张伟) converts it to an electronic one.
 * He signs in by SMS code, binds his real name, opens the paper certificate, taps 换领电子证照,
 * reads the whole 一次性告知, starts the application, confirms the prefilled form (信息免填报),
 * takes a portrait through the photo page (a synthetic portrait that passes the quality
 * checks), and submits — twice in a row, which must still make one submission. A reviewer
 * approves it in the staff workbench (e2e/staff-steps.ts), and 张伟 then finds the new
 * electronic certificate in 我的证照 and the paper one marked 已换发. Screenshots at 360 px
 * land in e2e/screenshots/applications-*.png.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { portrait1080Jpeg } from '../../server/src/test/photo-fixtures';
import { expectTrue, phonePage, runCases, screenshot, startProduct } from '../harness';
import { staffApplicationListSchema, staffChallengeSchema, staffTokenSchema } from '@roadcert/shared';
import { demoStaff, demoSteward } from '../../server/src/seed/staff';
import { approveApplication, freshTotpCode, staffSignIn, type DemoStaffAccount } from '../staff-steps';
import { openPortalOnPhone, seeded, type Steps } from '../steps';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-apply-'));
const photoFile = path.join(dataDir, 'portrait.jpg');
const product = await startProduct({ DATA_DIR: dataDir });
/**
 * Screenshot of the whole page: Taro H5 scrolls inside the page element (`.taro_page`), so the
 * phone is made as tall as that page for the picture (still 360 px wide), after its 300-ms
 * slide-in. The application pages must also fit the width (no sideways scrolling).
 */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(400);
  const size = page.viewportSize() ?? { width: 360, height: 740 };
  const metrics = (await page.evaluate(`(() => {
    const shown = [...document.querySelectorAll('.taro_page')].filter((el) => getComputedStyle(el).display !== 'none').pop();
    return { height: shown ? shown.scrollHeight : 0, width: shown ? shown.scrollWidth : 0 };
  })()`)) as { height: number; width: number };
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(metrics.height, 6000)) });
  await screenshot(page, `applications-${name}`);
  await page.setViewportSize(size);
  if (page.url().includes('/pkg-apply/'))
    expectTrue(
      metrics.width <= size.width,
      `${name}: the page is ${metrics.width} px wide on a ${size.width}-px phone`,
    );
}
let browser: Browser | undefined;
let page: Page;
let s: Steps;

/** The reviewer's side through the API (the workbench's return form is the staff journey's to drive): 退回补正 with one reason. */
async function returnByApi(kind: string, reasons: Record<string, string>, who: DemoStaffAccount = demoStaff) {
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${product.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    expectTrue(response.ok, `${path} answered ${response.status}: ${await response.clone().text()}`);
    return response.json() as Promise<unknown>;
  };
  const challenge = staffChallengeSchema.parse(
    await post('/api/v1/staff/auth/login', { username: who.username, password: who.password }),
  );
  const { accessToken } = staffTokenSchema.parse(
    await post('/api/v1/staff/auth/verify', { challengeId: challenge.challengeId, code: await freshTotpCode(who) }),
  );
  const queue = staffApplicationListSchema.parse(
    await (
      await fetch(`${product.url}/api/v1/staff/applications?kind=${kind}`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      })
    ).json(),
  );
  const application = queue.items[0];
  expectTrue(application, `no ${kind} application in the review queue`);
  await post(`/api/v1/staff/applications/${application.id}/return`, { reasons }, accessToken);
}

/** The form's photo step: the photo page, a portrait from the album, checked, back on the form. */
async function attachPortrait(shots = false) {
  await writeFile(photoFile, await portrait1080Jpeg());
  await s.button('拍摄或上传').click();
  await s.button('从相册选择').waitFor({ timeout: 15_000 });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), s.button('从相册选择').click()]);
  await chooser.setFiles(photoFile);
  await s.button('上传并检查').waitFor({ timeout: 15_000 });
  await s.button('上传并检查').click();
  await s.text('✓ 照片合格').waitFor({ timeout: 30_000 });
  if (shots) await shot(page, '06-photo-accepted');
  await s.button('完成').click();
  await s.text('✓ 已上传，照片合格').waitFor({ timeout: 15_000 });
  await page.locator('.apply-photo__image:visible').waitFor();
  await page.locator('.nut-button--loading:visible').waitFor({ state: 'detached', timeout: 15_000 }); // the draft saved with the photo
}

const driver = seeded('driver-paper');
const maskedId = `${driver.identityCode.slice(0, 4)}**********${driver.identityCode.slice(-4)}`;

const ok = await runCases([
  {
    name: '张伟 signs in, binds his real name and opens his paper 从业资格证: 换领电子证照 is offered',
    run: async () => {
      ({ browser, page, s } = await openPortalOnPhone(product.url));
      await s.signInBySms(driver.phone, 'tap');
      await s.bindRealName('driver-paper');
      await s.text('道路运输从业人员从业资格证').waitFor({ timeout: 15_000 });
      await s.text('道路运输从业人员从业资格证').click();
      await s.text('办理业务').waitFor({ timeout: 15_000 });
      await s.button('换领电子证照').waitFor({ timeout: 15_000 });
      const body = await s.bodyText();
      for (const offer of ['补发', '换发', '变更'])
        expectTrue(body.includes(offer), `the paper certificate does not offer ${offer}`);
      expectTrue(body.includes('原证在有效期内继续有效'), 'the page does not say the paper certificate stays valid');
      await shot(page, '01-certificate-business');
    },
  },
  {
    name: '换领电子证照 shows the complete 一次性告知 before anything is typed; 开始办理 creates the draft',
    run: async () => {
      await s.button('换领电子证照').click();
      await s.text('一次性告知').waitFor({ timeout: 15_000 });
      await s.text(/^纸质证 · 证号 4401\*+\d{4}$/).waitFor({ timeout: 15_000 }); // which certificate it is for
      const body = await s.bodyText();
      for (const part of [
        '从业资格证 · 纸质/IC卡证换领电子证',
        '需要的材料',
        '证件照',
        '办理条件',
        '收费',
        '不收取费用',
        '无需提交实体证照（实体证照免提交）',
        '原证在有效期内且状态为有效',
      ]) {
        expectTrue(body.includes(part), `the notice lacks “${part}”`);
      }
      expectTrue((await page.locator('input:visible').count()) === 0, 'the notice page already asks for input');
      await shot(page, '02-notice');
      await s.button('开始办理').click();
      await s.text('已自动带出').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'the form is prefilled (信息免填报): name, masked ID, the old number and its data, to confirm or 修改',
    run: async () => {
      const body = await s.bodyText();
      for (const part of [
        '核对信息',
        '照片与材料',
        '确认提交',
        driver.name,
        maskedId,
        '原发证机关',
        '02001 经营性道路货物运输驾驶员',
        'A2',
      ]) {
        expectTrue(body.includes(part), `the prefilled form lacks “${part}”`);
      }
      expectTrue(!body.includes(driver.identityCode), 'the full ID number is on the form');
      expectTrue(
        (await page.locator('.apply-fact__edit:visible', { hasText: '修改' }).count()) >= 2,
        'no 修改 on the prefilled fields',
      );
      await shot(page, '03-form-confirm');
      // 修改 opens the field with the value in it; a wrong value is refused by the shared validator.
      await page.getByRole('button', { name: '修改准驾车型' }).click();
      const licence = s.field('例如 A2 或 B2,C1');
      expectTrue((await licence.inputValue()) === 'A2', 'the opened field does not hold the prefilled value');
      await licence.fill('Z9');
      await s.button('下一步').click();
      await page.locator('.rc-field__error:visible').first().waitFor({ timeout: 10_000 });
      await shot(page, '04-form-field-error');
      await licence.fill('A2');
      await s.button('下一步').click();
      await s.text('证件照').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'the photo step opens the photo page; the accepted portrait comes back to the form',
    run: async () => {
      await shot(page, '05-form-photo-empty');
      await attachPortrait(true);
      await shot(page, '07-form-photo-attached');
    },
  },
  {
    name: 'the draft is kept server-side: a reload continues with the photo attached',
    run: async () => {
      await page.reload();
      await s.text('已自动带出').waitFor({ timeout: 20_000 });
      await s.button('下一步').click();
      await s.text('✓ 已上传，照片合格').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'a double tap on 提交申请 submits once; the status page shows 已提交 with the timeline',
    run: async () => {
      await s.button('下一步').click();
      await s.text('请确认以下内容').waitFor({ timeout: 15_000 });
      await shot(page, '08-form-review');
      await s.button('提交申请').dblclick();
      await s.text('等待审核').waitFor({ timeout: 20_000 });
      const body = await s.bodyText();
      expectTrue(body.includes('已提交'), 'the status page does not say 已提交');
      expectTrue(body.includes('办理进度'), 'no timeline on the status page');
      await shot(page, '09-status-submitted');
      // 我的 → 我的申请 lists exactly one application.
      await page.goto(product.url);
      await page
        .getByRole('button', { name: /^我的：/ })
        .filter({ visible: true })
        .first()
        .click();
      await s.text('我的申请').click();
      await page.locator('.apply-list-item:visible').first().waitFor({ timeout: 20_000 });
      const rows = await page.locator('.apply-list-item:visible').count();
      expectTrue(rows === 1, `我的申请 lists ${rows} applications after a double tap`);
      await shot(page, '10-my-applications');
    },
  },
  {
    name: 'a reviewer approves it in the staff workbench',
    run: async () => {
      expectTrue(browser, 'no browser');
      const staffPage = await phonePage(browser);
      await staffSignIn(staffPage, product.url);
      try {
        await approveApplication(staffPage, driver.name, 'applications-11-staff-approved');
      } catch (error) {
        await shot(staffPage, '11-staff-failed');
        console.log(product.output().split('\n').slice(-40).join('\n'));
        throw error;
      }
      await staffPage.context().close();
    },
  },
  {
    name: '张伟 sees the new electronic certificate in 我的证照 and the paper one marked 已换发',
    run: async () => {
      await page.locator('.apply-list-item:visible').first().click();
      await s.text('已发证').waitFor({ timeout: 20_000 });
      await s.button('查看新的电子证照').waitFor({ timeout: 15_000 });
      await shot(page, '12-status-issued');
      await page.goto(product.url);
      await s.text('我的证照').waitFor({ timeout: 20_000 });
      await s.text('已换发').waitFor({ timeout: 20_000 });
      const body = await s.bodyText();
      expectTrue(body.includes('电子证照'), 'no electronic certificate in 我的证照');
      expectTrue(body.includes('纸质证'), 'the paper certificate is gone from 我的证照 (it must stay, marked 已换发)');
      await shot(page, '13-wallet-after');
    },
  },
  {
    name: '补发 is not offered on the new electronic certificate; on 李娜’s IC card it asks for the loss statement (shared validation, error next to the field) and submits',
    run: async () => {
      await s.text(/^电子证照$/).click();
      await s.text('办理业务').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: /^换发：/ }).waitFor({ timeout: 15_000 });
      expectTrue(
        (await page.getByRole('button', { name: /^补发：/ }).count()) === 0,
        '补发 is offered on an electronic certificate (it is never lost)',
      );
      await page.goto(product.url);
      await s.text('我的证照').waitFor({ timeout: 20_000 });
      await s.signOut();
      await s.signInBySms(seeded('driver-ic').phone, 'tap');
      await s.bindRealName('driver-ic');
      await s.text('道路运输从业人员从业资格证').click();
      await s.text('办理业务').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: /^补发：/ }).click();
      await s.text('遗失或损毁情况说明（在线填写）').waitFor({ timeout: 15_000 });
      await s.button('开始办理').click();
      await s.text('已自动带出').waitFor({ timeout: 15_000 });
      await s.button('下一步').click();
      await s.text('补充材料').waitFor({ timeout: 15_000 });
      await s.button('下一步').click();
      await s.text('请填写遗失或损毁情况说明').waitFor({ timeout: 10_000 });
      await shot(page, '14-reissue-statement-missing');
      await page.locator('textarea:visible').first().fill('遗失');
      await s.button('下一步').click();
      // An IC card carries no portrait the service holds: the photo step asks for one.
      await s.button('拍摄或上传').waitFor({ timeout: 15_000 });
      await attachPortrait();
      // Back from the photo page the form may reopen on an earlier step: on to the confirmation.
      const confirm = s.text('请确认以下内容');
      for (let step = 0; step < 4 && !(await confirm.isVisible()); step++) {
        await s.button('下一步').click();
        await confirm.waitFor({ timeout: 3_000 }).catch(() => undefined);
      }
      await shot(page, '14b-reissue-confirm');
      await confirm.waitFor({ timeout: 15_000 });
      await s.button('提交申请').click();
      await s.text('等待审核').waitFor({ timeout: 20_000 });
    },
  },
  {
    name: 'returned: the status page names the field and the reason; 修改后重新提交 opens it with the reason beside it; resubmitted',
    run: async () => {
      const reason = '请写明遗失的时间和地点';
      // 李娜's card is from 深圳: the province-wide steward (also a reviewer) returns it.
      await returnByApi('REISSUE', { lossStatement: reason }, demoSteward);
      await page.reload();
      await s.text('需要修改的内容').waitFor({ timeout: 20_000 });
      const body = await s.bodyText();
      for (const part of ['已退回补正', '遗失或损毁情况说明', '当前填写：遗失', `退回原因：${reason}`])
        expectTrue(body.includes(part), `the returned status lacks “${part}”`);
      await shot(page, '15-status-returned');
      await s.button('修改后重新提交').click();
      await s.text(reason).waitFor({ timeout: 15_000 }); // beside the field, on the step that holds it
      await shot(page, '16-form-returned');
      await page.locator('textarea:visible').first().fill('2026年11月20日在广州市白云区遗失');
      await s.button('下一步').click();
      await s.button('重新提交').click();
      await s.text('等待审核').waitFor({ timeout: 20_000 });
      expectTrue((await s.bodyText()).includes('补正后重新提交'), 'the timeline does not show the resubmission');
      await shot(page, '17-status-resubmitted');
    },
  },
  {
    name: 'a 从业资格证 more than 180 days past expiry (孙丽): the page explains and offers 重新申领; the server refuses 延续, the start page says so and switches to 申领',
    run: async () => {
      await page.goto(product.url);
      await s.text('我的证照').waitFor({ timeout: 20_000 });
      await s.signOut();
      await s.signInBySms(seeded('driver-lapsed').phone, 'tap');
      await s.bindRealName('driver-lapsed');
      await s.text('道路运输从业人员从业资格证').click();
      await s.text(/超过180天未延续/).waitFor({ timeout: 15_000 });
      expectTrue((await s.bodyText()).includes('重新申领'), 'no 重新申领 offered on a lapsed 从业资格证');
      expectTrue(!(await s.bodyText()).includes('延续有效期'), '延续 is offered on a lapsed 从业资格证');
      await shot(page, '18-lapsed-certificate');
      // An old link to 延续: the server has the last word (RENEWAL_NOT_ALLOWED).
      const certificateId = new URL(page.url()).searchParams.get('id');
      expectTrue(certificateId, 'no certificate id in the detail URL');
      await page.goto(
        `${product.url}/pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=${certificateId}`,
      );
      await s.button('开始办理').click();
      await s.button('改为重新申领').waitFor({ timeout: 15_000 });
      await shot(page, '19-renewal-refused');
      await s.button('改为重新申领').click();
      await s.text('从业资格证 · 申领').waitFor({ timeout: 15_000 });
      await s.text('年龄不超过60周岁').waitFor();
      await s.button('开始办理').click();
      await s.text('已自动带出').waitFor({ timeout: 15_000 });
      await shot(page, '20-initial-form');
      // 长辈版 (larger type, taller targets): the draft reopened from 我的申请 still fits 360 px.
      await page.goto(product.url);
      await page.getByRole('button', { name: '切换为长辈版，字体更大' }).filter({ visible: true }).first().click();
      await page
        .getByRole('button', { name: /^我的：/ })
        .filter({ visible: true })
        .first()
        .click();
      await s.text('我的申请').click();
      await page.locator('.apply-list-item:visible').first().click();
      await s.text('已自动带出').waitFor({ timeout: 15_000 });
      await shot(page, '21-elder-mode-form');
    },
  },
]);

await browser?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
