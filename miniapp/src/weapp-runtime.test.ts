import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWeappDir } from '../scripts/check-weapp';
import { sm2TestIssuer } from './test/presentation-material';
import { startWeapp, type WeappPage, type WeappRuntime } from './test/weapp-runtime';

/**
 * The mini-program's scanner as WeChat runs it: the weapp build (dist/weapp, made by the root
 * `npm test`) loaded into a context with only the logic layer's globals (test/weapp-runtime.ts
 * lists them with the documents), App and Page lifecycles, a recording `wx`, and a real
 * version-2 token verified offline from the lists the page itself downloaded.
 */

// A fixed test key (not a product key).
const STATUS_INDEX = 5151;
const issuer = sm2TestIssuer({ privateKey: new Uint8Array(32).fill(0x23), statusIndex: STATUS_INDEX });
const statusList = (revoked: boolean) => issuer.statusList(revoked ? STATUS_INDEX : null, new Date().toISOString());
/** The QR text a holder's phone shows this minute (token version 2: anchor + hash chain). */
const holderQrText = () => issuer.qrTextV2(Date.now());

type Callbacks<T> = {
  success?: (result: T) => void;
  fail?: (error: { errMsg: string }) => void;
  complete?: () => void;
};

/** WeChat answers on a later turn of the event loop, never synchronously. */
function answer<T>(options: Callbacks<T>, result: T | { errMsg: string }, ok: boolean) {
  setTimeout(() => {
    if (ok) options.success?.(result as T);
    else options.fail?.(result as { errMsg: string });
    options.complete?.();
  }, 1);
}

function phone(options: { revoked: boolean; qrText: () => string }) {
  const storage = new Map<string, unknown>();
  const networkListeners: ((result: { isConnected: boolean; networkType: string }) => void)[] = [];
  const requested: string[] = [];
  const apis = {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    getNetworkType: (o: Callbacks<{ networkType: string }>) => answer(o, { networkType: 'wifi' }, true),
    onNetworkStatusChange: (listener: (typeof networkListeners)[number]) => void networkListeners.push(listener),
    offNetworkStatusChange: (listener: (typeof networkListeners)[number]) =>
      void networkListeners.splice(networkListeners.indexOf(listener), 1),
    request: (o: Callbacks<{ statusCode: number; data: unknown; header: object }> & { url: string }) => {
      const path = new URL(o.url).pathname;
      requested.push(path);
      const body =
        path === '/.well-known/roadcert/keys.json'
          ? issuer.keyList
          : path === '/api/v1/status-list'
            ? statusList(options.revoked)
            : undefined;
      if (body === undefined) answer(o, { errMsg: 'request:fail not served by this test' }, false);
      else answer(o, { statusCode: 200, data: runtime.json(body), header: {} }, true);
    },
    scanCode: (o: Callbacks<{ result: string; scanType: string }>) =>
      answer(o, { result: options.qrText(), scanType: 'QR_CODE' }, true),
  };
  const runtime: WeappRuntime = startWeapp(defaultWeappDir, { apis: apis as never });
  const goOffline = () => networkListeners.forEach((listener) => listener({ isConnected: false, networkType: 'none' }));
  return { runtime, storage, requested, goOffline };
}

const settle = async (page: WeappPage, until: (texts: string[]) => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!until(page.texts())) {
    if (Date.now() > deadline) throw new Error(`page never showed it; it shows: ${page.texts().join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const listsDownloaded = (texts: string[]) =>
  texts.filter((text) => text === '刚刚更新').length === 2 && texts.includes('在线：优先联网核验');

describe("the scanner in WeChat's logic layer (weapp build, no web globals)", { timeout: 20_000 }, () => {
  it('downloads the lists, then verifies a real token offline: 有效, with the masked holder', async () => {
    const { runtime, requested, goOffline } = phone({ revoked: false, qrText: holderQrText });
    runtime.launch({ path: 'pkg-verify/pages/scan/index' });
    const page = runtime.openPage('pkg-verify/pages/scan/index');

    await settle(page, listsDownloaded);
    expect(requested).toEqual(expect.arrayContaining(['/.well-known/roadcert/keys.json', '/api/v1/status-list']));

    goOffline();
    await settle(page, (texts) => texts.includes('离线：使用本机缓存核验'));
    page.tap('扫一扫');
    await settle(page, (texts) => texts.includes('有效'));
    expect(page.texts().join(' ')).toContain('王*');
    expect(requested.filter((p) => p === '/api/v1/verify')).toEqual([]);
    // The only wx reads it did not find are feature probes Taro makes (and answers itself).
    expect([...runtime.missingWx].sort()).toEqual(['cloud', 'env']);
    page.unload();
  });

  it('finds the same token 无效 when the downloaded status list says revoked', async () => {
    const { runtime, goOffline } = phone({ revoked: true, qrText: holderQrText });
    runtime.launch({ path: 'pkg-verify/pages/scan/index' });
    const page = runtime.openPage('pkg-verify/pages/scan/index');
    await settle(page, listsDownloaded);
    goOffline();
    await settle(page, (texts) => texts.includes('离线：使用本机缓存核验'));
    page.tap('扫一扫');
    await settle(page, (texts) => texts.includes('无效'));
    page.unload();
  });

  it(
    'loads every page of app.json without a missing global: each renders or moves on',
    { timeout: 120_000 },
    async () => {
      const app = JSON.parse(readFileSync(path.join(defaultWeappDir, 'app.json'), 'utf8')) as {
        pages: string[];
        subPackages: { root: string; pages: string[] }[];
      };
      const routes = [
        ...app.pages,
        ...app.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
      ];
      expect(routes.length).toBeGreaterThan(20);
      const navigation = ['reLaunch', 'navigateTo', 'redirectTo', 'switchTab', 'navigateBack'];
      // What pages call while they load, answered as WeChat would; the service never answers.
      const succeed = (name: string) => (o?: Callbacks<{ errMsg: string }>) =>
        answer(o ?? {}, { errMsg: `${name}:ok` }, true);
      const common = Object.fromEntries(
        [
          ...navigation,
          'showToast',
          'hideToast',
          'showModal',
          'showLoading',
          'hideLoading',
          'setNavigationBarTitle',
          'stopPullDownRefresh',
          'setKeepScreenOn',
          'setVisualEffectOnCapture',
          'onUserCaptureScreen',
          'offUserCaptureScreen',
          'onNeedPrivacyAuthorization',
        ].map((name) => [name, succeed(name)]),
      );
      for (const route of routes) {
        const storage = new Map<string, unknown>();
        const runtime = startWeapp(defaultWeappDir, {
          apis: {
            ...common,
            getPrivacySetting: (o: Callbacks<{ needAuthorization: boolean }>) =>
              answer(o, { needAuthorization: false }, true),
            getStorageSync: (key: string) => storage.get(key) ?? '',
            setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
            removeStorageSync: (key: string) => void storage.delete(key),
            getNetworkType: (o: Callbacks<{ networkType: string }>) => answer(o, { networkType: 'wifi' }, true),
            onNetworkStatusChange: () => undefined,
            offNetworkStatusChange: () => undefined,
            request: (o: Callbacks<never>) => answer(o, { errMsg: 'request:fail timeout' }, false),
          } as never,
        });
        runtime.launch({ path: route });
        const page = runtime.openPage(route);
        const moved = () => runtime.calls.some((call) => navigation.includes(call.api));
        // Something on screen at some point (a page may blank itself while it reloads), or a redirect.
        const shown = await settle(page, (texts) => texts.length > 0 || moved()).then(
          () => true,
          () => false,
        );
        expect(shown, `${route} shows nothing and goes nowhere`).toBe(true);
        expect([...runtime.missingWx].sort(), route).toEqual(['cloud', 'env']);
        page.unload();
      }
    },
  );
});
