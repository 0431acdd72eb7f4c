import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertObjectKey, contentTypeByExtension, isObjectKey, type ObjectStorage } from './object-storage';
import type { FileUrlSigner } from './file-url-signer';

export const LOCAL_FILES_PATH = '/api/v1/files';

/**
 * Objects as files under `dir` (embedded default). Writes go to a temporary name and
 * are renamed into place, so a reader never sees half a file; the content type follows
 * from the key's extension. The app itself serves
 * them at /api/v1/files/<key> to holders of an HMAC-signed, expiring URL.
 */
export function createLocalStorage(options: {
  dir: string;
  publicBaseUrl: string;
  signer: FileUrlSigner;
}): ObjectStorage {
  const fileOf = (key: string) => {
    assertObjectKey(key);
    return path.join(options.dir, ...key.split('/'));
  };

  return {
    driver: 'local',
    async put(key, bytes, { contentType }) {
      const file = fileOf(key);
      // Served by extension (no sidecar metadata): the declared type must agree with it.
      if (contentTypeByExtension[path.extname(key).slice(1).toLowerCase()] !== contentType)
        throw new Error(`content type ${contentType} does not match the key's extension`);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 });
      try {
        // Keys are unique by construction; refuse rather than overwrite if one repeats.
        await writeFile(file, '', { flag: 'wx', mode: 0o600 });
        await rename(temporary, file);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    async list(prefix) {
      assertObjectKey(prefix.replace(/\/$/, ''));
      const dir = path.join(options.dir, ...prefix.split('/').filter(Boolean));
      let names: string[];
      try {
        names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      // Temporary files of a write in progress are not objects.
      return names
        .filter((n) => !n.endsWith('.tmp'))
        .map((n) => `${prefix}${n}`)
        .filter(isObjectKey)
        .sort();
    },
    async signedUrl(key, { expiresInSeconds }) {
      assertObjectKey(key);
      const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
      const url = `${options.publicBaseUrl}${LOCAL_FILES_PATH}/${key}?exp=${exp}&sig=${options.signer.sign(key, exp)}`;
      return { url, expiresAt: new Date(exp * 1000) };
    },
  };
}
