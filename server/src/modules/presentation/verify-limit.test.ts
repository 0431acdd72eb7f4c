import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app';
import { ipKey } from './verify-limit';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false, env: { RATE_LIMIT_VERIFY_PER_IP_PER_MINUTE: '3' } });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** One verification from `ip` (the test app trusts one proxy: X-Forwarded-For's last entry). */
const verifyFrom = (ip: string, headers: Record<string, string> = {}) =>
  t.api('/api/v1/verify', { body: { token: 'not-a-token' }, headers: { 'x-forwarded-for': ip, ...headers } });

describe('per-IP limit on POST /api/v1/verify', () => {
  it('the fast route answers 429 RATE_LIMITED with a Chinese message and Retry-After past the limit', async () => {
    for (let i = 0; i < 3; i++) expect((await verifyFrom('203.0.113.7')).status).toBe(200);
    const refused = await verifyFrom('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('RATE_LIMITED');
    expect(refused.json.message).toMatch(/^当前网络核验过于频繁，请\d+(秒|分钟)后再试$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.retryAfterSeconds).toBe(Number(refused.headers.get('retry-after')));
    // Another address is not affected; a made-up first X-Forwarded-For entry changes nothing.
    expect((await verifyFrom('203.0.113.8')).status).toBe(200);
    expect((await verifyFrom('198.51.100.1, 203.0.113.7')).status).toBe(429);
  });

  it('the Koa route (a request with credentials) counts the same limit', async () => {
    const withCredentials = { authorization: 'Bearer not-a-session' };
    for (let i = 0; i < 2; i++) expect((await verifyFrom('203.0.113.9')).status).toBe(200);
    expect((await verifyFrom('203.0.113.9', withCredentials)).status).toBe(200);
    const refused = await verifyFrom('203.0.113.9', withCredentials);
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('RATE_LIMITED');
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });

  it('counts an IPv6 caller by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(ipKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipKey('::1')).toBe('0:0:0:0::/64');
    expect(ipKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
  });
});
