import { verifyVerdictList } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { freshness } from './cache-freshness';
import { toVerdictView } from './verdict-view';

describe('verdict → what the verifier sees', () => {
  it('says 有效 in green with a tick, and what to check next', () => {
    const view = toVerdictView('VALID', '证照有效');
    expect(view).toMatchObject({ title: '有效', tone: 'valid', symbol: '✓', reason: '证照有效' });
    expect(view.colours.text).toBe('#146c2e');
  });

  it('says 无效 in red with the reason the service gave', () => {
    expect(toVerdictView('NOT_VALID', '证照已吊销')).toMatchObject({
      title: '无效',
      tone: 'invalid',
      symbol: '✕',
      reason: '证照已吊销',
    });
  });

  it('tells an expired QR and a wrong clock apart from a bad certificate (amber, ask to show again)', () => {
    expect(toVerdictView('TOKEN_EXPIRED', '')).toMatchObject({
      title: '二维码已过期',
      tone: 'warning',
      reason: '二维码已过期',
    });
    expect(toVerdictView('NOT_YET_VALID', null)).toMatchObject({ title: '请检查手机时间', tone: 'warning' });
  });

  it('treats an unknown key and a broken or forged QR as not proving anything (red)', () => {
    expect(toVerdictView('UNKNOWN_KEY', undefined)).toMatchObject({ title: '未知签发密钥', tone: 'invalid' });
    expect(toVerdictView('INVALID', '签名错误')).toMatchObject({
      title: '二维码无效',
      tone: 'invalid',
      reason: '签名错误',
    });
  });

  it('has a title, a symbol and advice for every verdict of the contract', () => {
    for (const verdict of verifyVerdictList) {
      const view = toVerdictView(verdict, null);
      expect(view.title).not.toBe('');
      expect(view.symbol).not.toBe('');
      expect(view.advice).not.toBe('');
      expect(view.reason).not.toBe('');
    }
  });
});

describe('freshness of the cached key and status lists', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');

  it('says how old the lists are in words', () => {
    expect(freshness(now - 20_000, 3600, now)).toEqual({ label: '刚刚更新', stale: false });
    expect(freshness(now - 5 * 60_000, 3600, now)).toEqual({ label: '5分钟前更新', stale: false });
    expect(freshness(now - 3 * 3600_000, 3600, now)).toEqual({ label: '3小时前更新', stale: true });
    expect(freshness(now - 2 * 86_400_000, 86_400 * 7, now)).toEqual({ label: '2天前更新', stale: false });
  });

  it('is stale past the ttl, when never downloaded, or when fetched "in the future"', () => {
    expect(freshness(now - 3601_000, 3600, now).stale).toBe(true);
    expect(freshness(now - 3599_000, 3600, now).stale).toBe(false);
    expect(freshness(null, 3600, now)).toEqual({ label: '尚未下载', stale: true });
    expect(freshness(now + 3600_000, 3600, now).stale).toBe(true);
  });
});
