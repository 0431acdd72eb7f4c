import { beforeEach, describe, expect, it, vi } from 'vitest';

type FakePage = {
  route: string;
  path?: string;
  options?: Record<string, string>;
  $taroParams?: Record<string, string>;
};
const taro = await vi.hoisted(async () => ({
  ...(await import('../../test/taro-storage-mock')).fakeTaroStorage(),
  pages: [] as FakePage[],
  navigateTo: vi.fn(() => Promise.resolve()),
  reLaunch: vi.fn(() => Promise.resolve()),
  getCurrentPages: vi.fn(() => taro.pages),
}));
vi.mock('@tarojs/taro', () => ({ default: taro, useRouter: () => ({ params: {} }) }));

import { enterApp } from '../sign-in/complete-sign-in';
import { goToSignIn } from './error-navigation';
import { RETURN_TTL_MS, rememberReturnPage, takeReturnPage } from './return-after-sign-in';

const renewal = {
  route: 'pkg-apply/pages/start/index',
  query: { typeCode: 'D071', kind: 'RENEWAL', certificateId: '0195f0c2-0000-7000-8000-000000000003' },
};

beforeEach(() => {
  taro.store.clear();
  taro.store.set('roadcert:accessToken', 'tok');
  taro.pages = [];
  taro.navigateTo.mockClear();
  taro.reLaunch.mockClear();
});

/** Lets the relaunch's `finally` run, so the next goToSignIn is not swallowed as a duplicate. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('return after sign-in', () => {
  it('a deep link that needs sign-in (mini-program: query in options) returns to the same page with its query', async () => {
    taro.pages = [{ route: renewal.route, options: { ...renewal.query, typeCode: 'D071' } }];
    goToSignIn();
    await settle();
    expect(taro.reLaunch).toHaveBeenLastCalledWith({ url: '/pages/login/index' });
    expect(taro.store.has('roadcert:accessToken')).toBe(false);

    taro.pages = [{ route: 'pages/login/index' }];
    await enterApp();
    expect(taro.reLaunch).toHaveBeenLastCalledWith({
      url: '/pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=0195f0c2-0000-7000-8000-000000000003',
    });
    // Taken once: the next sign-in goes to the wallet.
    await enterApp();
    expect(taro.reLaunch).toHaveBeenLastCalledWith({ url: '/pages/index/index' });
  });

  it('reads the query from Taro’s page params on H5 (the stack’s path carries only a stamp there)', async () => {
    taro.pages = [
      {
        route: '/pkg-apply/pages/start/index',
        path: '/pkg-apply/pages/start/index?stamp=3',
        $taroParams: { ...renewal.query, stamp: '3', $taroTimestamp: '1712' },
      },
    ];
    goToSignIn();
    await settle();
    expect(takeReturnPage()).toEqual(renewal);
  });

  it('reads the query from the H5 router path, encoded values and Taro stamps included', async () => {
    taro.pages = [
      {
        route: 'pkg-certificate/pages/task/index',
        path: '/pkg-certificate/pages/task/index?id=t%201&stamp=2',
        options: { stamp: '2' },
      },
    ];
    goToSignIn();
    await settle();
    expect(takeReturnPage()).toEqual({ route: 'pkg-certificate/pages/task/index', query: { id: 't 1' } });
  });

  it('does not return after signing out on purpose, nor to the wallet or the sign-in page', async () => {
    taro.pages = [{ route: 'pkg-account/pages/me/index' }];
    goToSignIn({ returnHere: false });
    await settle();
    expect(takeReturnPage()).toBeNull();

    taro.pages = [{ route: 'pages/index/index' }];
    goToSignIn();
    await settle();
    expect(takeReturnPage()).toBeNull();
  });

  it('forgets a stale or foreign entry', () => {
    rememberReturnPage(renewal, 1_000);
    expect(takeReturnPage(1_000 + RETURN_TTL_MS + 1)).toBeNull();
    rememberReturnPage(renewal, 1_000);
    expect(takeReturnPage(2_000)).toEqual(renewal);
    taro.store.set('roadcert:returnAfterSignIn', { route: 'https://evil.example/x', query: {}, at: 1 });
    expect(takeReturnPage(2)).toBeNull();
    rememberReturnPage({ route: 'pkg-staff/pages/queue/index', query: {} }, 1);
    expect(takeReturnPage(2)).toBeNull();
  });
});
