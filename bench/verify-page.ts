/**
 * The verify page as a shipper's or an inspector's phone camera opens it: how long until the
 * verdict can be read, on an emulated slow 4G phone (1.6 Mbit/s down, 750 kbit/s up, 150 ms
 * round trip, CPU 4× slower), with an empty cache every time.
 *
 * Same run, same live token, side by side:
 * - `/v/<token>`: the verdict rendered by the server in the first response (verify-page.ts);
 * - `/pkg-verify/pages/verify/index?t=<token>`: the portal's verify page (scripts, then the
 *   POST /api/v1/verify), which is what `/v/` redirected to before.
 * Target (issue 18): verdict visible ≤ 1.0 s for `/v/`, ≤ 30 KB.
 *
 * `npm run bench:verify-page` (starts the product on a fresh data dir; the holder 王强 signs in
 * through the portal and opens 亮证; each measurement reads the QR on his screen anew).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort, phoneContext, startProduct } from '../e2e/harness';
import { openPortalOnPhone, readQr, seeded } from '../e2e/steps';

const ROUNDS = Number(process.env.VERIFY_PAGE_ROUNDS ?? 5);
const slow4g = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

type Measure = {
  /** Verdict on screen, page clock: laid out (first frame holding it) and painted (not before the first contentful paint). */
  ms: number;
  /** The same seen from the bench (navigation request → Playwright saw it visible). */
  wall: number;
  requests: number;
  bytes: number;
  verdict: string;
  firstByte: number;
  paint: number;
};

/** Opens `url` in a fresh context on the emulated phone; time from navigation to a readable verdict. */
async function measure(browser: Browser, url: string): Promise<Measure> {
  const context = await phoneContext(browser);
  // The moment the verdict is on screen, from the page's own clock (navigation start = 0): checked
  // every frame from the first one, so Playwright's polling adds nothing.
  await context.addInitScript(
    "(() => { const check = () => { const el = document.querySelector('.verdict__title'); if (el && el.getBoundingClientRect().height > 0 && !window.__verdictAt) window.__verdictAt = performance.now(); else requestAnimationFrame(check); }; requestAnimationFrame(check); })()",
  );
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', slow4g);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let requests = 0;
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', () => (requests += 1));
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const title = page.locator('.verdict__title:visible').first();
  await title.waitFor({ timeout: 60_000 });
  const wall = performance.now() - started;
  const verdict = (await title.textContent()) ?? '';
  // Where the time goes: the first byte of the document, and the first paint (page clock).
  const timing = (await page.evaluate(
    "(() => { const n = performance.getEntriesByType('navigation')[0]; const p = performance.getEntriesByName('first-contentful-paint')[0]; const paint = p ? p.startTime : -1; return { firstByte: n ? n.responseStart : -1, paint, ms: Math.max(window.__verdictAt ?? Infinity, paint) }; })()",
  )) as { firstByte: number; paint: number; ms: number };
  await page.waitForLoadState('load').catch(() => undefined);
  await context.close();
  return { wall, requests, bytes, verdict, ...timing };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-bench-verify-page-'));
const port = await freePort();
const product = await startProduct(
  { DATA_DIR: dataDir, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' },
  port,
);
let holderBrowser: Browser | undefined;
try {
  const { browser, page: holder, s } = await openPortalOnPhone(product.url);
  holderBrowser = browser;
  await s.signInBySms(seeded('driver-electronic').phone, 'tap');
  await s.bindRealName('driver-electronic');
  await s.openActivatedCertificate();
  await s.button('亮证').click();
  await s.text(/秒后自动刷新/).waitFor({ timeout: 20_000 });

  const digitsNow = async (p: Page) => {
    const { text } = await readQr(p);
    return text.slice(text.lastIndexOf('/v/') + 3);
  };
  const rounds: { ssr: Measure; spa: Measure }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const ssr = await measure(browser, `${product.url}/v/${await digitsNow(holder)}`);
    const spa = await measure(browser, `${product.url}/pkg-verify/pages/verify/index?t=${await digitsNow(holder)}`);
    rounds.push({ ssr, spa });
  }
  const row = (name: string, ms: Measure[]) =>
    `| ${name} | ${median(ms.map((m) => m.ms)).toFixed(0)} ms | ${median(ms.map((m) => m.firstByte)).toFixed(0)} ms | ${median(ms.map((m) => m.paint)).toFixed(0)} ms | ${median(ms.map((m) => m.wall)).toFixed(0)} ms | ${Math.min(...ms.map((m) => m.ms)).toFixed(0)}–${Math.max(...ms.map((m) => m.ms)).toFixed(0)} ms | ${median(ms.map((m) => m.requests))} | ${(median(ms.map((m) => m.bytes)) / 1024).toFixed(1)} KB | ${[...new Set(ms.map((m) => m.verdict))].join(', ')} |`;
  console.log(
    `\nVerdict visible on an emulated slow 4G phone (1.6 Mbit/s, 150 ms RTT, CPU 4×), cold cache, ${ROUNDS} rounds, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    '| page | verdict visible (median) | first byte | first paint | seen by the bench | range | requests | transferred | verdict |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  console.log(
    row(
      '`/v/<token>` (server-rendered)',
      rounds.map((r) => r.ssr),
    ),
  );
  console.log(
    row(
      'portal verify page (scripts + POST)',
      rounds.map((r) => r.spa),
    ),
  );
  const target = median(rounds.map((r) => r.ssr.ms));
  console.log(`\ntarget ≤ 1000 ms for /v/: ${target <= 1000 ? 'met' : 'NOT met'} (${target.toFixed(0)} ms)`);
} finally {
  await holderBrowser?.close();
  await product.stop();
  await rm(dataDir, { recursive: true, force: true });
}
