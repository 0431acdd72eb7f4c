import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = await vi.hoisted(async () => ({
  ...(await import('../../test/taro-storage-mock')).fakeTaroStorage(),
  request: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({ default: taro }));
const wechat = vi.hoisted(() => ({
  supported: true,
  request: vi.fn(async (_ids: string[]): Promise<Record<string, string>> => ({})),
}));
// The platform pair (subscribe-message.weapp.ts / .h5.ts) as the mini-program build sees it.
vi.mock('../../lib/subscribe-message', () => ({
  subscribeMessageSupported: () => wechat.supported,
  requestSubscribeMessage: wechat.request,
}));

import {
  TEMPLATE_CACHE_MS,
  answersByKind,
  askForReminders,
  cachedTemplates,
  prefetchSubscriptionTemplates,
  templateIdsFor,
} from './subscriptions';

const templates = [
  { kind: 'EXPIRY', templateId: 'tpl-expiry' },
  { kind: 'EXPIRED', templateId: 'tpl-expiry' },
  { kind: 'REVIEW_DUE', templateId: 'tpl-review' },
  { kind: 'MISSING_DATA', templateId: 'tpl-missing' },
  { kind: 'APPLICATION_STATUS', templateId: 'tpl-status' },
] as const;

function respond(statusCode: number, data: unknown) {
  taro.request.mockResolvedValueOnce({ statusCode, data, header: {} });
}

beforeEach(() => {
  taro.store.clear();
  taro.store.set('roadcert:accessToken', 'tok');
  taro.request.mockReset();
  wechat.supported = true;
  wechat.request.mockReset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('which templates to ask for', () => {
  it('at most three distinct ids, the moment’s most useful first', () => {
    expect(templateIdsFor([...templates], 'activated')).toEqual(['tpl-expiry', 'tpl-review', 'tpl-missing']);
    expect(templateIdsFor([...templates], 'submitted')).toEqual(['tpl-status', 'tpl-missing', 'tpl-expiry']);
    expect(templateIdsFor([], 'submitted')).toEqual([]);
  });

  it('answers go back per kind, for every kind sharing the template; unknown answers are dropped', () => {
    expect(
      answersByKind([...templates], { 'tpl-expiry': 'accept', 'tpl-review': 'reject', 'tpl-x': 'accept' }),
    ).toEqual({
      EXPIRY: 'accept',
      EXPIRED: 'accept',
      REVIEW_DUE: 'reject',
    });
    expect(answersByKind([...templates], { 'tpl-status': 'maybe' })).toEqual({});
  });
});

describe('asking (mini-program)', () => {
  it('fetches the template ids once and keeps them for half a day', async () => {
    respond(200, { templates });
    expect(await prefetchSubscriptionTemplates(1_000)).toHaveLength(5);
    expect(taro.request.mock.calls[0]?.[0]).toMatchObject({ url: '/api/v1/me/subscriptions/templates', method: 'GET' });
    expect(await prefetchSubscriptionTemplates(2_000)).toHaveLength(5);
    expect(taro.request).toHaveBeenCalledTimes(1);
    expect(cachedTemplates(1_000 + TEMPLATE_CACHE_MS + 1)).toBeNull();
  });

  it('asks WeChat with the cached ids and posts the answers per kind', async () => {
    respond(200, { templates });
    await prefetchSubscriptionTemplates();
    wechat.request.mockResolvedValueOnce({ 'tpl-status': 'accept', 'tpl-missing': 'reject', 'tpl-expiry': 'accept' });
    respond(204, null);

    expect(await askForReminders('submitted')).toBe(true);

    expect(wechat.request).toHaveBeenCalledWith(['tpl-status', 'tpl-missing', 'tpl-expiry']);
    const post = taro.request.mock.calls[1]?.[0];
    expect(post).toMatchObject({ url: '/api/v1/me/subscriptions', method: 'POST' });
    expect(post.data).toEqual({
      results: { EXPIRY: 'accept', EXPIRED: 'accept', MISSING_DATA: 'reject', APPLICATION_STATUS: 'accept' },
    });
    // A second tap on 提交 right after is not asked again.
    expect(await askForReminders('submitted')).toBe(false);
    expect(wechat.request).toHaveBeenCalledTimes(1);
  });

  it('without cached ids it asks nothing now and fetches them for the next moment', async () => {
    respond(200, { templates });
    expect(await askForReminders('activated')).toBe(false);
    expect(wechat.request).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(cachedTemplates()).toHaveLength(5));
  });

  it('never throws: WeChat refusing, the server failing, the network down are only logged', async () => {
    taro.request.mockRejectedValueOnce(new Error('offline'));
    expect(await prefetchSubscriptionTemplates()).toBeNull();

    respond(200, { templates });
    await prefetchSubscriptionTemplates();
    wechat.request.mockRejectedValueOnce({
      errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
    });
    expect(await askForReminders('activated')).toBe(false);

    wechat.request.mockResolvedValueOnce({ 'tpl-expiry': 'accept' });
    respond(500, { code: 'INTERNAL', message: '服务暂时不可用', requestId: 'r1' });
    expect(await askForReminders('activated')).toBe(false);
    expect(console.warn).toHaveBeenCalled();
  });
});

describe('asking (portal)', () => {
  it('does nothing and calls nothing', async () => {
    wechat.supported = false;
    expect(await prefetchSubscriptionTemplates()).toBeNull();
    expect(await askForReminders('submitted')).toBe(false);
    expect(taro.request).not.toHaveBeenCalled();
    expect(wechat.request).not.toHaveBeenCalled();
  });
});
