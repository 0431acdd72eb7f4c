/**
 * Journey: data compliance (数据合规, 缺失数据补传) and the stock import (存量导入), issue 13.
 * 刘洋's paper 从业资格证 lacks its 准驾车型: the wallet tells him, he opens the task, a wrong code
 * is refused in words, he supplies A2 with a photo of his driving licence, and the task waits
 * (待审核). The demo data steward reads the 数据合规 dashboard, confirms the supplement in 补正审核
 * (masked name, before/after, the evidence photo), and the dashboard then counts one more
 * compliant certificate. 赵磊 (客运 category with a B2 licence class) starts 换领电子证照 and is told
 * on the form, in red, before he could submit; 提交申请 stays disabled. The steward downloads the
 * D071 template, imports a CSV with three good and two bad rows, and downloads the error report
 * that names the two bad rows. Screenshots at 360 px: e2e/screenshots/compliance-*.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { citizenIdCheckChar, complianceRatesSchema } from '@roadcert/shared';
import type { Browser, Page } from 'playwright-core';
import { citizenId } from '../../server/src/seed/demo-holders';
import { portrait1080Jpeg } from '../../server/src/test/photo-fixtures';
import { expectTrue, phonePage, runCases, screenshot, startProduct } from '../harness';
import { confirmDialog, demoSteward, staffSignIn } from '../staff-steps';
import { openPortalOnPhone, seeded, steps, type Steps } from '../steps';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-compliance-'));
const photoFile = path.join(dataDir, 'driving-licence.jpg');
const product = await startProduct({ DATA_DIR: dataDir });

/**
 * Screenshot of the whole page: Taro H5 scrolls inside the page element (`.taro_page`), so the
 * phone is made as tall as that page for the picture (same width), after its slide-in. Pages
 * must fit the width (no sideways scrolling) at 360 px.
 */
async function shot(page: Page, name: string, opts: { checkWidth?: boolean } = {}) {
  await page.waitForTimeout(400);
  const size = page.viewportSize() ?? { width: 360, height: 740 };
  const metrics = (await page.evaluate(`(() => {
    const shown = [...document.querySelectorAll('.taro_page')].filter((el) => getComputedStyle(el).display !== 'none').pop();
    return { height: shown ? shown.scrollHeight : 0, width: shown ? shown.scrollWidth : 0 };
  })()`)) as { height: number; width: number };
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.min(metrics.height, 6000)) });
  await page.waitForTimeout(150); // ECharts follows the resize
  await screenshot(page, `compliance-${name}`);
  await page.setViewportSize(size);
  if (opts.checkWidth !== false)
    expectTrue(
      metrics.width <= size.width,
      `${name}: the page is ${metrics.width} px wide on a ${size.width}-px phone`,
    );
}

let browser!: Browser;
let page: Page; // 刘洋, then 赵磊
let s: Steps;
let staff: Page; // the data steward
let st: Steps;

/** The steward's token as the portal keeps it (Taro H5 storage wraps values as {"data": …}). */
async function staffToken(): Promise<string> {
  const stored = (await staff.evaluate("localStorage.getItem('roadcert:staffAccessToken')")) as string | null;
  const token = (JSON.parse(stored ?? 'null') as { data?: unknown } | null)?.data;
  expectTrue(typeof token === 'string' && token.length > 0, 'no staff token in the portal storage');
  return token;
}

async function ratesByApi() {
  const res = await fetch(`${product.url}/api/v1/staff/compliance/rates`, {
    headers: { authorization: `Bearer ${await staffToken()}` },
  });
  expectTrue(res.ok, `GET /api/v1/staff/compliance/rates → ${res.status} ${await res.clone().text()}`);
  return complianceRatesSchema.parse(await res.json());
}

/** Goes to a workbench section by its tab. */
async function openSection(label: string) {
  await staff.locator('.staff-tabs__tab:visible', { hasText: label }).first().click();
  await staff.locator('.staff-tabs__tab--on:visible', { hasText: label }).waitFor({ timeout: 20_000 });
}

/** 数据合规's headline as shown: the rate and 合规 N / 在用证照 M. */
async function readHeadline(): Promise<{ rate: string; compliant: number; total: number }> {
  await openSection('数据合规');
  const rateText = staff.locator('.compliance-head__rate:visible').first();
  await rateText.waitFor({ timeout: 30_000 });
  const facts = (await staff.locator('.compliance-head__facts:visible').first().textContent()) ?? '';
  const m = /合规 ([\d,]+) \/ 在用证照 ([\d,]+)/.exec(facts);
  expectTrue(m, `the dashboard headline does not read 合规 N / 在用证照 M: ${facts}`);
  return {
    rate: ((await rateText.textContent()) ?? '').trim(),
    compliant: Number(m[1]!.replace(/,/g, '')),
    total: Number(m[2]!.replace(/,/g, '')),
  };
}

const liu = seeded('driver-missing-data');
const zhao = seeded('driver-mismatch');
let before: { rate: string; compliant: number; total: number };
let beforeApi: { compliant: number; total: number };
let reviewUrl = '';
let pendingBefore = 0;

/** A GB 11643 ID number: 17 digits plus the computed check character. */
/** One with a wrong check character (the next one along). */
const wrongCheck = (first17: string) => {
  const right = citizenIdCheckChar(first17);
  const chars = '0123456789X';
  return `${first17}${chars[(chars.indexOf(right) + 1) % chars.length]}`;
};

const ok = await runCases([
  {
    name: '刘洋 signs in, binds his real name: the wallet says 有 N 项信息待补充',
    run: async () => {
      ({ browser, page, s } = await openPortalOnPhone(product.url));
      await s.signInBySms(liu.phone, 'tap');
      await s.bindRealName('driver-missing-data');
      await s.text('我的证照').waitFor({ timeout: 20_000 });
      const notice = page.locator('.completion-notice:visible').first();
      await notice.waitFor({ timeout: 20_000 });
      const said = (await notice.textContent()) ?? '';
      expectTrue(/有 \d+ 项信息待补充/.test(said), `the wallet notice does not say 有 N 项信息待补充: ${said}`);
      pendingBefore = Number(/有 (\d+) 项/.exec(said)![1]);
      await shot(page, '01-wallet-notice');
    },
  },
  {
    name: '刘洋 opens the 准驾车型 task (reason shown), Z9 is refused inline in Chinese, A2 with a photo is submitted: 待审核',
    run: async () => {
      await page.locator('.completion-notice:visible').first().click();
      const row = page.locator('.task-row:visible', { hasText: '准驾车型' }).first();
      await row.waitFor({ timeout: 20_000 });
      expectTrue(
        ((await row.textContent()) ?? '').includes('待补充'),
        `the 准驾车型 task is not 待补充: ${await row.textContent()}`,
      );
      await shot(page, '02-task-list');
      await row.click();
      await page.locator('.task-reason:visible').first().waitFor({ timeout: 20_000 });
      const reason = (await page.locator('.task-reason:visible').first().textContent()) ?? '';
      expectTrue(reason.includes('准驾车型'), `the task's reason does not name 准驾车型: ${reason}`);
      expectTrue((await s.bodyText()).includes('未登记'), 'the task does not show the value as 未登记');
      const value = s.field('例如 A2 或 B2,C1');
      await value.waitFor({ timeout: 10_000 });
      await value.fill('Z9');
      await writeFile(photoFile, await portrait1080Jpeg());
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), s.button('从相册选择').click()]);
      await chooser.setFiles(photoFile);
      await s.text('✓ 已上传').waitFor({ timeout: 30_000 });
      await page.locator('.task-photo__image:visible').waitFor();
      await s.button(/^提交$/).click();
      const error = page.locator('.rc-field__error:visible').first();
      await error.waitFor({ timeout: 10_000 });
      const errorText = (await error.textContent()) ?? '';
      expectTrue(/准驾车型/.test(errorText) && /Z9/.test(errorText), `Z9 is not refused in words: ${errorText}`);
      await shot(page, '03-task-value-refused');
      await value.fill('A2');
      await s.button(/^提交$/).click();
      await s.text('已提交，待审核').waitFor({ timeout: 20_000 });
      const body = await s.bodyText();
      expectTrue(body.includes('待审核'), 'the task does not show 待审核');
      expectTrue(/您补充的\s*A2/.test(body), 'the submitted task does not show the supplied A2');
      await shot(page, '04-task-submitted');
    },
  },
  {
    name: "the steward reads 数据合规, confirms 刘洋's supplement in 补正审核 (刘*, 准驾车型 → A2, evidence), and the compliant count rises",
    run: async () => {
      staff = await phonePage(browser);
      st = steps(staff);
      await staffSignIn(staff, product.url, demoSteward);
      before = await readHeadline();
      beforeApi = await ratesByApi();
      expectTrue(
        beforeApi.compliant === before.compliant && beforeApi.total === before.total,
        `the page reads ${before.compliant}/${before.total}, the API ${beforeApi.compliant}/${beforeApi.total}`,
      );
      await staff.locator('.compliance-head__rate:visible').first().scrollIntoViewIfNeeded();
      await shot(staff, '05-dashboard-before');

      await openSection('补正审核');
      const row = staff
        .locator('.staff-row:visible')
        .filter({ has: staff.locator('.staff-row__holder', { hasText: /^刘\*$/ }) })
        .first();
      await row.waitFor({ timeout: 20_000 });
      expectTrue(!(await st.bodyText()).includes('刘洋'), 'the queue shows 刘洋 unmasked');
      await shot(staff, '06-completion-queue');
      await row.click();
      await staff.locator('.completion-diff:visible').waitFor({ timeout: 20_000 });
      const head = (await staff.locator('.staff-detail__holder:visible').first().textContent()) ?? '';
      expectTrue(head === '刘*', `the reviewer sees the holder as “${head}”, not 刘*`);
      const diffCard = (await staff.locator('.completion-diff:visible').first().textContent()) ?? '';
      expectTrue(diffCard.includes('补充为') && diffCard.includes('A2'), `the diff does not show → A2: ${diffCard}`);
      expectTrue(
        (await st.bodyText()).includes('补充内容：准驾车型'),
        'the diff card is not titled 补充内容：准驾车型',
      );
      const evidence = staff.locator('.completion-evidence:visible img').first();
      await evidence.waitFor({ timeout: 15_000 });
      await staff.waitForFunction(
        "[...document.querySelectorAll('.completion-evidence img')].some((img) => img.complete && img.naturalWidth > 0)",
        undefined,
        { timeout: 15_000 },
      );
      await shot(staff, '07-completion-review');
      reviewUrl = staff.url();

      await st.button(/^确认$/).click();
      await confirmDialog(staff);
      await staff.locator('.staff-detail__head:visible', { hasText: '已确认' }).waitFor({ timeout: 20_000 });
      expectTrue(!(await st.button(/^确认$/).isVisible()), '确认 is still offered after the decision');
      await shot(staff, '08-completion-confirmed');

      const after = await readHeadline();
      const afterApi = await ratesByApi();
      expectTrue(
        after.compliant > before.compliant,
        `the dashboard still reads 合规 ${after.compliant} (before ${before.compliant}; API before ${beforeApi.compliant}, after ${afterApi.compliant}/${afterApi.total}, rate ${String(afterApi.rate)})`,
      );
      expectTrue(
        afterApi.compliant === before.compliant + 1,
        `API compliant ${afterApi.compliant}, expected ${before.compliant + 1}`,
      );
      expectTrue(after.rate !== before.rate, `the rate on the page did not change (${before.rate} → ${after.rate})`);
      console.log(
        `    数据合规: ${before.rate} (${before.compliant}/${before.total}) → ${after.rate} (${after.compliant}/${after.total})`,
      );
      await shot(staff, '09-dashboard-after');
      await staff.setViewportSize({ width: 1280, height: 900 });
      await shot(staff, '09-dashboard-after-desktop');
      await staff.setViewportSize({ width: 360, height: 740 });
    },
  },
  {
    name: 'the steward reads 数据归集 beside 数据合规: the acknowledged rate against 95 %, the local receiver labelled a stand-in',
    run: async () => {
      await openSection('数据合规');
      const card = staff.locator('.rc-card:visible', { hasText: '数据归集率' }).first();
      await card.waitFor({ timeout: 20_000 });
      const cardText = (await card.textContent()) ?? '';
      expectTrue(
        cardText.includes('本地接收端（替身）'),
        `the aggregation card does not say it is a stand-in: ${cardText}`,
      );
      await card.scrollIntoViewIfNeeded();
      await shot(staff, '10-dashboard-aggregation-card');

      await openSection('数据归集');
      const res = await fetch(`${product.url}/api/v1/staff/aggregation/summary`, {
        headers: { authorization: `Bearer ${await staffToken()}` },
      });
      expectTrue(res.ok, `GET /api/v1/staff/aggregation/summary → ${res.status}`);
      const summary = (await res.json()) as { overall: { total: number; acknowledged: number } };
      const facts = staff.locator('.compliance-head__facts:visible').first();
      await facts.waitFor({ timeout: 20_000 });
      const shown = (await facts.textContent()) ?? '';
      const m = /已确认 ([\d,]+) \/ 应归集 ([\d,]+)/.exec(shown);
      expectTrue(m, `the aggregation headline does not read 已确认 N / 应归集 M: ${shown}`);
      expectTrue(
        Number(m[1]!.replace(/,/g, '')) <= summary.overall.acknowledged + 5 &&
          Number(m[2]!.replace(/,/g, '')) === summary.overall.total,
        `the page reads ${m[1]}/${m[2]}, the API ${summary.overall.acknowledged}/${summary.overall.total}`,
      );
      expectTrue(summary.overall.total > 0, 'no electronic certificate counts for aggregation in the demo data');
      await staff.getByText('推送失败（补传）').first().waitFor({ timeout: 20_000 });
      await staff.getByText('对账').first().waitFor({ timeout: 20_000 });
      console.log(
        `    数据归集: ${m[1]}/${m[2]} acknowledged (API ${summary.overall.acknowledged}/${summary.overall.total})`,
      );
      await shot(staff, '11-aggregation');
    },
  },
  {
    name: '刘洋 sees the task 已确认 and one item fewer 待补充 in his wallet',
    run: async () => {
      await page.reload();
      await s.text('✓ 已确认，证照信息已更新。').waitFor({ timeout: 20_000 });
      await page.goto(product.url);
      await s.text('我的证照').waitFor({ timeout: 20_000 });
      await page.waitForTimeout(1000); // the tasks load after the certificates
      const notice = page.locator('.completion-notice:visible');
      const said = (await notice.count()) ? ((await notice.first().textContent()) ?? '') : '';
      const left = Number(/有 (\d+) 项/.exec(said)?.[1] ?? 0);
      expectTrue(
        left === pendingBefore - 1,
        `the wallet says “${said}” after the confirmation (before: ${pendingBefore})`,
      );
    },
  },
  {
    name: '赵磊 starts 换领电子证照: the form shows the 准驾车型 problem in red before submitting, 提交申请 disabled',
    run: async () => {
      await page.context().close();
      page = await phonePage(browser);
      s = steps(page);
      await page.goto(product.url);
      await s.agreeToPrivacyPolicy();
      await s.signInBySms(zhao.phone, 'tap');
      await s.bindRealName('driver-mismatch');
      await s.text('道路运输从业人员从业资格证').waitFor({ timeout: 15_000 });
      await s.text('道路运输从业人员从业资格证').click();
      await s.button('换领电子证照').waitFor({ timeout: 15_000 });
      await shot(page, '10-zhao-certificate');
      await s.button('换领电子证照').click();
      await s.button('开始办理').waitFor({ timeout: 15_000 });
      await s.button('开始办理').click();
      await s.text('已自动带出').waitFor({ timeout: 15_000 });
      const problem = page.locator('.apply-compliance--blocking:visible').first();
      await problem.waitFor({ timeout: 15_000 });
      const said = (await problem.textContent()) ?? '';
      expectTrue(said.includes('准驾车型'), `the form's compliance card does not name 准驾车型: ${said}`);
      const colour = await problem.evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle: (e: unknown) => { color: string } }).getComputedStyle(el).color,
      );
      const [r = 0, g = 255, b = 255] = (colour.match(/\d+/g) ?? []).map(Number);
      expectTrue(r > 150 && g < 100 && b < 100, `the compliance problem is not red (${colour})`);
      await shot(page, '11-zhao-form-blocked');
      // Through the photo step to 确认提交: 提交申请 cannot be used.
      await s.button('下一步').click();
      await s.button('拍摄或上传').waitFor({ timeout: 15_000 });
      await s.button('拍摄或上传').click();
      await s.button('从相册选择').waitFor({ timeout: 15_000 });
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), s.button('从相册选择').click()]);
      await chooser.setFiles(photoFile);
      await s.button('上传并检查').click();
      await s.text('✓ 照片合格').waitFor({ timeout: 30_000 });
      await s.button('完成').click();
      await s.text('✓ 已上传，照片合格').waitFor({ timeout: 15_000 });
      await page.locator('.nut-button--loading:visible').waitFor({ state: 'detached', timeout: 15_000 });
      // The draft saves with the photo right after the photo page hands it back (下一步 waits for
      // that save and is ignored meanwhile): tap again until the step changes, as a person would.
      for (let attempt = 1; ; attempt += 1) {
        await s.button('下一步').click();
        try {
          await s.text('请确认以下内容').waitFor({ timeout: 5_000 });
          break;
        } catch (error) {
          if (attempt < 3) continue;
          await shot(page, '12-zhao-review-failed', { checkWidth: false });
          throw error;
        }
      }
      const submit = s.button('提交申请');
      expectTrue(
        (await submit.isDisabled()) || (await submit.getAttribute('class'))?.includes('disabled'),
        '提交申请 is usable although the data fails a blocking rule',
      );
      expectTrue(
        (await page.locator('.apply-compliance--blocking:visible').count()) > 0,
        'the review step does not show the blocking problem',
      );
      await submit.click({ force: true });
      await page.waitForTimeout(1000);
      expectTrue(!(await s.bodyText()).includes('等待审核'), 'the blocked application was submitted');
      await shot(page, '12-zhao-review-blocked');
    },
  },
  {
    name: 'the steward downloads the D071 template, imports 3 good and 2 bad rows, and downloads the error report naming the bad rows',
    run: async () => {
      await openSection('存量导入');
      await st.text('导入存量证照').waitFor({ timeout: 20_000 });
      const [templateDownload] = await Promise.all([
        staff.waitForEvent('download', { timeout: 20_000 }),
        st.button(/下载.*模板（CSV）/).click(),
      ]);
      const template = await readFile((await templateDownload.path())!, 'utf8');
      expectTrue(template.startsWith('\uFEFF'), 'the template has no BOM');
      const [headerLine, exampleLine] = template.slice(1).split('\r\n') as [string, string];
      const header = headerLine.split(',');
      for (const label of ['类型代码', '证照编号', '持证人名称', '持证人证件号码', '准驾车型', '从业资格类别'])
        expectTrue(header.includes(label), `the template header lacks ${label}: ${headerLine}`);
      expectTrue(
        exampleLine && exampleLine.startsWith('D071,'),
        `the template's example row is not a D071 row: ${exampleLine}`,
      );
      const example = exampleLine.split(','); // the D071 example has no quoted cells
      const col = (label: string) => header.indexOf(label);
      const row = (changes: Record<string, string>) => {
        const cells = [...example];
        for (const [label, value] of Object.entries(changes)) cells[col(label)] = value;
        return cells.join(',');
      };
      const good = ['44010619900101123', '44010619850312234', '44030619920728345'].map(citizenId);
      const lines = [
        headerLine,
        row({ 证照编号: good[0]!, 持证人名称: '测试陈一', 持证人证件号码: good[0]! }),
        row({ 证照编号: good[1]!, 持证人名称: '测试林二', 持证人证件号码: good[1]! }),
        row({
          证照编号: wrongCheck('44010619880505456'),
          持证人名称: '测试错号',
          持证人证件号码: wrongCheck('44010619880505456'),
        }),
        row({ 证照编号: good[2]!, 持证人名称: '测试黄三', 持证人证件号码: good[2]! }),
        row({
          证照编号: citizenId('44010619790909567'),
          持证人名称: '测试错日',
          持证人证件号码: citizenId('44010619790909567'),
          发证日期: '2025-13-45',
        }),
      ];
      const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
      await shot(staff, '13-stock-import');

      const [chooser] = await Promise.all([staff.waitForEvent('filechooser'), st.button('选择文件').click()]);
      await chooser.setFiles({ name: 'e2e-存量导入.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await st.text(/e2e-存量导入\.csv（/).waitFor({ timeout: 10_000 });
      await st.button('开始导入').click();
      const result = staff.locator('.stock-state:visible').first();
      await result.waitFor({ timeout: 30_000 });
      await staff.locator('.stock-state:visible', { hasText: /已完成|失败/ }).waitFor({ timeout: 60_000 });
      const state = (await result.textContent()) ?? '';
      expectTrue(state.includes('已完成'), `the import ended ${state}`);
      const counts: Record<string, number> = {};
      for (const item of await staff.locator('.stock-counts__item:visible').all()) {
        const label = (await item.locator('.stock-counts__label').textContent()) ?? '';
        counts[label] = Number((await item.locator('.stock-counts__value').textContent()) ?? 'NaN');
      }
      expectTrue(counts['新增'] === 3 && counts['失败'] === 2, `the import counts are ${JSON.stringify(counts)}`);
      await shot(staff, '14-stock-import-done');

      const [reportDownload] = await Promise.all([
        staff.waitForEvent('download', { timeout: 20_000 }),
        st.button(/下载错误报告（2 行）/).click(),
      ]);
      const report = (await readFile((await reportDownload.path())!, 'utf8')).replace(/^\uFEFF/, '');
      const reportLines = report.split(/\r?\n/).filter(Boolean);
      console.log(`    error report (${reportDownload.suggestedFilename()}):\n      ${reportLines.join('\n      ')}`);
      expectTrue(reportLines[0] === '行号,列,原因', `the error report header is ${reportLines[0]}`);
      expectTrue(reportLines.length === 3, `the error report has ${reportLines.length - 1} rows, expected 2`);
      expectTrue(
        /^4,持证人证件号码,.*校验位/.test(reportLines[1] ?? ''),
        `row 4 (bad check digit) is not reported with a Chinese reason: ${reportLines[1]}`,
      );
      expectTrue(
        /^6,发证日期,.*2025-13-45.*不是有效日期/.test(reportLines[2] ?? ''),
        `row 6 (bad date) is not reported with a Chinese reason: ${reportLines[2]}`,
      );
      expectTrue(!/\d{17}[\dX]/.test(report), 'the error report repeats an ID number');
    },
  },
  {
    name: 'the decided supplement still shows what was registered before it (原登记 （空） → 补充为 A2)',
    run: async () => {
      await staff.goto(reviewUrl);
      await staff.locator('.completion-diff:visible').waitFor({ timeout: 20_000 });
      const beforeSide = ((await staff.locator('.completion-diff__side--before:visible').textContent()) ?? '').trim();
      const id = new URL(reviewUrl).searchParams.get('id') ?? '';
      const res = await fetch(`${product.url}/api/v1/staff/completion-tasks/${id}`, {
        headers: { authorization: `Bearer ${await staffToken()}` },
      });
      const body = (await res.json()) as { state?: string; diff?: unknown };
      expectTrue(
        beforeSide === '原登记（空）',
        `server: GET /api/v1/staff/completion-tasks/${id} (state ${String(body.state)}) answers diff ${JSON.stringify(body.diff)}; ` +
          `after 确认 “before” is the certificate's value now (the supplied A2), not what was registered before (null), so the reviewer reads “${beforeSide}”`,
      );
    },
  },
]);

await browser?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
