import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOssStorage } from './oss-storage';
import { startOssStandIn } from './oss-stand-in';

const account = {
  bucket: 'roadcert-photos',
  region: 'cn-hangzhou',
  accessKeyId: 'LTAItestkey0001',
  accessKeySecret: 'test-secret-not-real',
};
let standIn: Awaited<ReturnType<typeof startOssStandIn>>;
let storage: ReturnType<typeof createOssStorage>;

beforeAll(async () => {
  standIn = await startOssStandIn(account);
  storage = createOssStorage({
    ...account,
    region: `oss-${account.region}`,
    endpoint: standIn.endpoint,
    timeoutMs: 5_000,
  });
});
afterAll(() => standIn?.close());

/** GET through the stand-in as OSS would receive it: the bucket's virtual host, the URL's path and query. */
function fetchAsOss(signedUrl: string) {
  const url = new URL(signedUrl);
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: new URL(standIn.endpoint).port,
        path: url.pathname + url.search,
        headers: { host: `${account.bucket}.oss-${account.region}.aliyuncs.com` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('OSS storage (ali-oss, V4) against a stand-in that recomputes the signatures', () => {
  const key = 'photos/0190d8d2-0000-7000-8000-000000000001/2026/11/5f0c7a1e-3b7e-4d0a-9d7e-1f2a3b4c5d6e.processed.jpg';
  const bytes = Buffer.from('jpeg bytes for the stand-in');

  it('PUTs with a V4 Authorization header, x-oss-date, UNSIGNED-PAYLOAD, Content-Type, no-overwrite and a private ACL', async () => {
    await storage.put(key, bytes, { contentType: 'image/jpeg' });
    expect(standIn.rejections).toEqual([]);
    const put = standIn.requests.find((r) => r.method === 'PUT')!;
    expect(put).toMatchObject({ key, via: 'header' });
    expect(put.headers.authorization).toMatch(
      /^OSS4-HMAC-SHA256 Credential=LTAItestkey0001\/\d{8}\/cn-hangzhou\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/,
    );
    expect(put.headers['x-oss-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(put.headers['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(put.headers['content-type']).toBe('image/jpeg');
    expect(put.headers['x-oss-forbid-overwrite']).toBe('true');
    expect(standIn.objects.get(key)).toMatchObject({ contentType: 'image/jpeg', acl: 'private' });
    expect(standIn.objects.get(key)!.bytes.equals(bytes)).toBe(true);
  });

  it('refuses to overwrite an existing key', async () => {
    await expect(storage.put(key, Buffer.from('other'), { contentType: 'image/jpeg' })).rejects.toMatchObject({
      status: 409,
    });
    expect(standIn.objects.get(key)!.bytes.equals(bytes)).toBe(true);
    standIn.rejections.length = 0;
  });

  it('GETs the bytes back, and null for a missing key', async () => {
    expect((await storage.get(key))!.equals(bytes)).toBe(true);
    expect(await storage.get('photos/none/2026/11/missing.processed.jpg')).toBeNull();
    expect(standIn.rejections).toEqual([]);
  });

  it('signs a V4 presigned GET URL with the documented query parameters and a short expiry', async () => {
    const { url, expiresAt } = await storage.signedUrl(key, { expiresInSeconds: 300 });
    const parsed = new URL(url);
    expect(parsed.pathname).toBe(`/${key}`);
    const q = Object.fromEntries(parsed.searchParams);
    expect(Object.keys(q).sort()).toEqual([
      'x-oss-credential',
      'x-oss-date',
      'x-oss-expires',
      'x-oss-signature',
      'x-oss-signature-version',
    ]);
    expect(q['x-oss-signature-version']).toBe('OSS4-HMAC-SHA256');
    expect(q['x-oss-credential']).toMatch(/^LTAItestkey0001\/\d{8}\/cn-hangzhou\/oss\/aliyun_v4_request$/);
    expect(q['x-oss-expires']).toBe('300');
    expect(q['x-oss-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(url).not.toContain(account.accessKeySecret);
    expect(Math.abs(expiresAt.getTime() - (Date.now() + 300_000))).toBeLessThan(5_000);

    const res = await fetchAsOss(url);
    expect(res.status).toBe(200);
    expect(res.body.equals(bytes)).toBe(true);
  });

  it('a tampered presigned URL is refused by the signature check', async () => {
    const { url } = await storage.signedUrl(key, { expiresInSeconds: 300 });
    const tampered = url.replace('x-oss-expires=300', 'x-oss-expires=3000');
    const res = await fetchAsOss(tampered);
    expect(res.status).toBe(403);
    expect(res.body.toString()).toContain('SignatureDoesNotMatch');
    standIn.rejections.length = 0;
  });

  it('DELETEs, and deleting again is not an error', async () => {
    await storage.delete(key);
    await storage.delete(key);
    expect(standIn.objects.has(key)).toBe(false);
    expect(standIn.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    expect(standIn.rejections).toEqual([]);
  });

  it('a wrong secret fails at OSS (the stand-in), not silently', async () => {
    const wrong = createOssStorage({
      ...account,
      accessKeySecret: 'wrong',
      endpoint: standIn.endpoint,
      timeoutMs: 5_000,
    });
    await expect(
      wrong.put('photos/x/2026/11/y.original.jpg', bytes, { contentType: 'image/jpeg' }),
    ).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(standIn.rejections.at(-1)).toMatch(/^SignatureDoesNotMatch/);
  });

  it('keys are validated before any request', async () => {
    await expect(storage.put('../etc/passwd', bytes, { contentType: 'image/jpeg' })).rejects.toThrow(
      'invalid object key',
    );
  });

  it('lists a prefix page by page (ListObjects with prefix, marker, max-keys; signed like every request)', async () => {
    const paged = await startOssStandIn({ ...account, maxKeysCap: 2 });
    try {
      const client = createOssStorage({
        ...account,
        region: `oss-${account.region}`,
        endpoint: paged.endpoint,
        timeoutMs: 5_000,
      });
      const keys = [
        'audit/checkpoints/2026/12/01.json',
        'audit/checkpoints/2026/12/02.json',
        'audit/checkpoints/2026/12/03.json',
        'audit/other/x.json',
        'photos/a.jpg',
      ];
      for (const k of keys) await client.put(k, Buffer.from(k), { contentType: 'application/json' });
      expect(await client.list('audit/checkpoints/')).toEqual(keys.slice(0, 3));
      const lists = paged.requests.filter((r) => r.key === '' && r.method === 'GET');
      // Three keys, two a page: two signed requests, the second from the first's NextMarker.
      expect(lists.map((r) => [r.query.prefix, r.query.marker ?? null, r.query['max-keys']])).toEqual([
        ['audit/checkpoints/', null, '1000'],
        ['audit/checkpoints/', keys[1], '1000'],
      ]);
      expect(paged.rejections).toEqual([]);
      expect(await client.list('nothing/')).toEqual([]);
    } finally {
      await paged.close();
    }
  });
});
