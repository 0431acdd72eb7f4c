/**
 * 证照文件 end to end: 王强 (an activated electronic 从业资格证) signs in and downloads his
 * certificate file (PDF) from the certificate page; anyone uploads it on the verify page and
 * sees 证照文件有效; after the reviewer suspends the certificate the same file shows 证照已暂扣;
 * the file with one byte changed shows 文件已被篡改. Screenshots (360-px phone) land in
 * e2e/screenshots/certificate-file-*.png.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectTrue, freePort, phonePage, runCases, screenshot, startProduct } from '../harness';
import { setCertificateStatus, staffSignIn } from '../staff-steps';
import { openPortalOnPhone, seeded, steps } from '../steps';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-e2e-certificate-file-'));
const port = await freePort();
const product = await startProduct({ DATA_DIR: dataDir, PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }, port);
const shot = (page: Page, name: string) => screenshot(page, `certificate-file-${name}`);
const driver = seeded('driver-electronic');

let browser!: Browser;
let holder: Page;
/** Whoever received the file: a browser that has never seen the product. */
let checker: Page;
let pdfPath = '';

/** Uploads a file on the verify page's 核验证照文件 card and returns the verdict's title. */
async function uploadAndRead(page: Page, file: string): Promise<string> {
  await page.goto(`${product.url}/pkg-verify/pages/verify/index`);
  const s = steps(page);
  await s.button('选择证照文件').waitFor({ timeout: 20_000 });
  const chooser = page.waitForEvent('filechooser');
  await s.button('选择证照文件').click();
  await (await chooser).setFiles(file);
  const title = page.locator('.file-verify__title:visible').first();
  await title.waitFor({ timeout: 20_000 });
  await title.scrollIntoViewIfNeeded();
  return (await title.textContent()) ?? '';
}

const ok = await runCases([
  {
    name: '王强 signs in, opens his certificate and downloads the certificate file (PDF)',
    run: async () => {
      const opened = await openPortalOnPhone(product.url);
      ({ browser, page: holder } = opened);
      const { s } = opened;
      await s.signInBySms(driver.phone, 'tap');
      await s.bindRealName('driver-electronic');
      await s.openActivatedCertificate();
      const cell = s.text('下载证照文件');
      await cell.waitFor({ timeout: 15_000 });
      await cell.scrollIntoViewIfNeeded();
      await shot(holder, '01-detail');
      const download = holder.waitForEvent('download', { timeout: 30_000 });
      await cell.click();
      pdfPath = path.join(dataDir, 'downloaded.pdf');
      await (await download).saveAs(pdfPath);
      const bytes = await readFile(pdfPath);
      expectTrue(bytes.subarray(0, 5).toString('latin1') === '%PDF-', 'the download is not a PDF');
      expectTrue(bytes.length < 300 * 1024, `the PDF is ${bytes.length} bytes`);
    },
  },
  {
    name: 'uploaded on the verify page, the file is 证照文件有效',
    run: async () => {
      checker = await phonePage(browser);
      const verdict = await uploadAndRead(checker, pdfPath);
      expectTrue(verdict === '证照文件有效', `verdict is ${verdict}`);
      await shot(checker, '02-valid');
    },
  },
  {
    name: 'after the reviewer suspends the certificate the same file shows 证照已暂扣',
    run: async () => {
      const reviewer = await phonePage(browser);
      await staffSignIn(reviewer, product.url);
      await setCertificateStatus(reviewer, driver.identityCode, 'SUSPENDED', '端到端测试：暂扣后核验证照文件');
      const verdict = await uploadAndRead(checker, pdfPath);
      expectTrue(verdict === '证照已暂扣', `verdict is ${verdict}`);
      await shot(checker, '03-suspended');
    },
  },
  {
    name: 'the same file with one byte changed shows 文件已被篡改',
    run: async () => {
      const bytes = await readFile(pdfPath);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = bytes[middle]! ^ 0x01;
      const altered = path.join(dataDir, 'altered.pdf');
      await writeFile(altered, bytes);
      const verdict = await uploadAndRead(checker, altered);
      expectTrue(verdict === '文件已被篡改', `verdict is ${verdict}`);
      await shot(checker, '04-altered');
    },
  },
]);

await browser?.close();
await product.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
