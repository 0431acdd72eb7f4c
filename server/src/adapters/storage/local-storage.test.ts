import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileUrlSigner } from './file-url-signer';
import { createLocalStorage } from './local-storage';

let dir: string;
const signer = createFileUrlSigner(randomBytes(32));
let storage: ReturnType<typeof createLocalStorage>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-storage-'));
  storage = createLocalStorage({ dir, publicBaseUrl: 'https://roadcert.example', signer });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('local storage', () => {
  const key = 'photos/h1/2026/11/abc.processed.jpg';

  it('lists the objects directly under a folder, sorted; a missing folder is empty', async () => {
    expect(await storage.list('listed/')).toEqual([]);
    for (const name of ['b.json', 'a.json'])
      await storage.put(`listed/${name}`, Buffer.from('{}'), { contentType: 'application/json' });
    await storage.put('listed/deeper/c.json', Buffer.from('{}'), { contentType: 'application/json' });
    expect(await storage.list('listed/')).toEqual(['listed/a.json', 'listed/b.json']);
    await expect(storage.list('../')).rejects.toThrow(/invalid object key/);
  });

  it('puts, gets, refuses to overwrite, deletes idempotently', async () => {
    await storage.put(key, Buffer.from('one'), { contentType: 'image/jpeg' });
    expect((await storage.get(key))!.toString()).toBe('one');
    await expect(storage.put(key, Buffer.from('two'), { contentType: 'image/jpeg' })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect((await storage.get(key))!.toString()).toBe('one');
    expect(await readdir(path.join(dir, 'photos/h1/2026/11'))).toEqual(['abc.processed.jpg']);
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
  });

  it('refuses keys that could leave the folder and types that do not match the extension', async () => {
    await expect(storage.put('../x.jpg', Buffer.from('x'), { contentType: 'image/jpeg' })).rejects.toThrow(
      'invalid object key',
    );
    await expect(storage.put('photos/../../x.jpg', Buffer.from('x'), { contentType: 'image/jpeg' })).rejects.toThrow(
      'invalid object key',
    );
    await expect(storage.put('/abs.jpg', Buffer.from('x'), { contentType: 'image/jpeg' })).rejects.toThrow(
      'invalid object key',
    );
    await expect(storage.put('photos/a.jpg', Buffer.from('x'), { contentType: 'text/html' })).rejects.toThrow(
      'does not match',
    );
  });

  it('signs URLs that verify until they expire, and not for another key or a changed expiry', async () => {
    const { url, expiresAt } = await storage.signedUrl(key, { expiresInSeconds: 60 });
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe(`https://roadcert.example/api/v1/files/${key}`);
    const exp = u.searchParams.get('exp')!;
    const sig = u.searchParams.get('sig')!;
    expect(Number(exp) * 1000).toBe(expiresAt.getTime());
    expect(signer.check(key, exp, sig)).toBe('ok');
    expect(signer.check(key, exp, sig, expiresAt.getTime() + 1000)).toBe('expired');
    expect(signer.check('photos/h2/2026/11/abc.processed.jpg', exp, sig)).toBe('invalid');
    expect(signer.check(key, String(Number(exp) + 1), sig)).toBe('invalid');
    expect(signer.check(key, exp, undefined)).toBe('invalid');
    expect(signer.check(key, exp, 'x'.repeat(43))).toBe('invalid');
    expect(createFileUrlSigner(randomBytes(32)).check(key, exp, sig)).toBe('invalid');
  });
});
