import OSS from 'ali-oss';
import { assertObjectKey, type ObjectStorage } from './object-storage';

export type OssOptions = {
  /** Region id, `cn-hangzhou` or `oss-cn-hangzhou`. */
  region: string;
  bucket: string;
  /** Overrides the region's public endpoint (e.g. the internal one, or a test stand-in). */
  endpoint?: string;
  accessKeyId: string;
  accessKeySecret: string;
  timeoutMs?: number;
};

/**
 * Alibaba Cloud OSS through ali-oss 6.23, private bucket, V4 signatures throughout:
 * - requests carry `Authorization: OSS4-HMAC-SHA256 Credential=…,Signature=…` with
 *   `x-oss-date` and `x-oss-content-sha256: UNSIGNED-PAYLOAD` (ali-oss `authorizationV4:
 *   true`, lib/common/utils/createRequest.js + lib/common/signUtils.js; format per
 *   https://help.aliyun.com/zh/oss/developer-reference/recommend-to-use-signature-version-4);
 * - read links are V4 presigned URLs (`signatureUrlV4`, lib/common/object/signatureUrlV4.js:
 *   x-oss-signature-version, x-oss-credential, x-oss-date, x-oss-expires ≤ 7 days,
 *   x-oss-signature; https://help.aliyun.com/en/oss/developer-reference/add-signatures-to-urls).
 * Uploads set `x-oss-forbid-overwrite` (keys are unique; never replace an object) and a
 * private object ACL, so a bucket misconfigured as public still does not expose photos.
 */
export function createOssStorage(options: OssOptions): ObjectStorage {
  const region = options.region.startsWith('oss-') ? options.region : `oss-${options.region}`;
  const client = new OSS({
    region,
    bucket: options.bucket,
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    secure: true,
    authorizationV4: true,
    timeout: options.timeoutMs ?? 30_000,
  });

  return {
    driver: 'oss',
    async put(key, bytes, { contentType }) {
      assertObjectKey(key);
      await client.put(key, bytes, {
        mime: contentType,
        headers: { 'Content-Type': contentType, 'x-oss-forbid-overwrite': 'true', 'x-oss-object-acl': 'private' },
      });
    },
    async get(key) {
      assertObjectKey(key);
      try {
        const result = await client.get(key);
        return Buffer.from(result.content as Buffer);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async delete(key) {
      assertObjectKey(key);
      try {
        await client.delete(key);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
    async list(prefix) {
      assertObjectKey(prefix.replace(/\/$/, ''));
      const keys: string[] = [];
      let marker: string | undefined;
      do {
        const page = await client.list({ prefix, 'max-keys': 1000, ...(marker ? { marker } : {}) }, {});
        keys.push(...(page.objects ?? []).map((o) => o.name));
        marker = page.isTruncated ? page.nextMarker : undefined;
      } while (marker);
      return keys.sort();
    },
    async signedUrl(key, { expiresInSeconds }) {
      assertObjectKey(key);
      const url = await client.signatureUrlV4('GET', expiresInSeconds, { headers: {} }, key);
      return { url, expiresAt: new Date(Date.now() + expiresInSeconds * 1000) };
    },
  };
}

function isNotFound(err: unknown) {
  const e = err as { status?: number; code?: string };
  return e.status === 404 || e.code === 'NoSuchKey';
}
