import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../server/src/test/processes';

/** A free TCP port on loopback (server/src/test/processes.ts). */
export { freePort };

export const root = path.resolve(new URL('..', import.meta.url).pathname);
export const screenshotDir = path.join(root, 'e2e', 'screenshots');

/** Starts the product exactly as `npm start` does (after prepare) and waits for /readyz. */
export async function startProduct(
  env: Record<string, string>,
  fixedPort?: number,
): Promise<{
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
}> {
  const port = fixedPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early (${proc.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server not ready in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    proc,
    output: () => output,
    stop: async () => {
      proc.kill('SIGTERM');
      return new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A 360-px-wide low-end Android phone: a browser context of its own. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
}

/** A page on a new phone (phoneContext). */
export async function phonePage(browser: Browser): Promise<Page> {
  return (await phoneContext(browser)).newPage();
}

export async function screenshot(page: Page, name: string) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

type Case = { name: string; run: () => Promise<void> };

/** Runs cases in order, stops at the first failure (later cases depend on earlier ones). */
export async function runCases(cases: Case[]): Promise<boolean> {
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    const started = Date.now();
    try {
      await c.run();
      passed += 1;
      console.log(`  ✓ ${c.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed += 1;
      console.log(`  ✗ ${c.name}\n    ${(err as Error).stack ?? err}`);
      break;
    }
  }
  const skipped = cases.length - passed - failed;
  console.log(`\ne2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed === 0 && skipped === 0;
}

export function expectTrue(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
