import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for an OSS bucket, for tests only. It checks each request the way
 * OSS documents V4 signing, recomputing the signature itself (not with ali-oss's code):
 *
 * - header-signed requests: `Authorization: OSS4-HMAC-SHA256 Credential=<AK>/<yyyymmdd>/
 *   <region>/oss/aliyun_v4_request[,AdditionalHeaders=…],Signature=<64 hex>`, with
 *   `x-oss-date` (ISO 8601 basic, UTC, within 15 minutes, same day as the credential) and
 *   `x-oss-content-sha256: UNSIGNED-PAYLOAD`
 *   (https://help.aliyun.com/zh/oss/developer-reference/recommend-to-use-signature-version-4,
 *   https://help.aliyun.com/en/oss/user-guide/0002-00000214 for the sha256 header);
 * - presigned URLs: x-oss-signature-version=OSS4-HMAC-SHA256, x-oss-credential, x-oss-date,
 *   x-oss-expires (1…604800 s), x-oss-signature
 *   (https://help.aliyun.com/en/oss/developer-reference/add-signatures-to-urls,
 *   https://help.aliyun.com/en/oss/user-guide/0002-00000215).
 *
 * Canonical request = VERB \n /<bucket>/<key> (URI-encoded, '/' kept) \n sorted encoded
 * query \n canonical headers (content-type, content-md5, x-oss-*, additional; lower-case,
 * sorted, "name:value\n" each) \n additional header names \n UNSIGNED-PAYLOAD.
 * String to sign = OSS4-HMAC-SHA256 \n <x-oss-date> \n <yyyymmdd>/<region>/oss/aliyun_v4_request
 * \n hex(sha256(canonical request)). Signing key = HMAC chain over "aliyun_v4"+secret:
 * date → region → "oss" → "aliyun_v4_request"; signature = hex HMAC(signing key, string).
 *
 * Requests use virtual-hosted style: Host `<bucket>.oss-<region>.aliyuncs.com`, path `/<key>`.
 *
 * ListObjects (GetBucket, V1): `GET /` on the bucket host with `prefix`, `marker`, `max-keys`
 * (1…1000, default 100) in the signed query; the answer is `ListBucketResult` XML with
 * `IsTruncated` and `NextMarker` (https://help.aliyun.com/zh/oss/developer-reference/listobjects).
 * `maxKeysCap` makes the stand-in truncate earlier than OSS would, to test paging.
 */
export async function startOssStandIn(options: {
  bucket: string;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  maxKeysCap?: number;
}) {
  const objects = new Map<string, { bytes: Buffer; contentType: string; acl: string | undefined }>();
  const requests: {
    method: string;
    key: string;
    via: 'header' | 'presigned';
    headers: IncomingMessage['headers'];
    query: Record<string, string>;
  }[] = [];
  const rejections: string[] = [];
  const expectedHost = `${options.bucket}.oss-${options.region}.aliyuncs.com`;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (err) {
        reply(res, 500, 'InternalError', String(err));
      }
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    if (req.headers.host !== expectedHost)
      return deny(res, 'InvalidBucketName', `host ${req.headers.host} is not ${expectedHost}`);
    const key = decodeURIComponent(url.pathname.slice(1));
    if (!key) {
      if (method !== 'GET') return deny(res, 'InvalidObjectName', 'empty key');
      const problem = checkAuthorization(method, '', query, req.headers);
      if (problem) return deny(res, problem.code, problem.message);
      requests.push({ method, key: '', via: 'header', headers: req.headers, query });
      return listObjects(res, query);
    }

    const presigned = query['x-oss-signature'] !== undefined;
    const problem = presigned
      ? checkPresigned(method, key, query, req.headers)
      : checkAuthorization(method, key, query, req.headers);
    if (problem) return deny(res, problem.code, problem.message);
    requests.push({ method, key, via: presigned ? 'presigned' : 'header', headers: req.headers, query });

    if (method === 'PUT') {
      const contentType = req.headers['content-type'];
      if (!contentType) return deny(res, 'MissingContentType', 'PUT without Content-Type', 400);
      const md5 = req.headers['content-md5'];
      if (md5 && createHash('md5').update(body).digest('base64') !== md5)
        return deny(res, 'InvalidDigest', 'Content-MD5 does not match', 400);
      if (req.headers['x-oss-forbid-overwrite'] === 'true' && objects.has(key))
        return deny(res, 'FileAlreadyExists', 'object exists', 409);
      objects.set(key, { bytes: body, contentType, acl: req.headers['x-oss-object-acl'] as string | undefined });
      res.writeHead(200, {
        'x-oss-request-id': 'stand-in',
        etag: `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`,
      });
      return res.end();
    }
    if (method === 'GET') {
      const object = objects.get(key);
      if (!object) return reply(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      res.writeHead(200, {
        'content-type': object.contentType,
        'content-length': object.bytes.length,
        'x-oss-request-id': 'stand-in',
      });
      return res.end(object.bytes);
    }
    if (method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204, { 'x-oss-request-id': 'stand-in' });
      return res.end();
    }
    return deny(res, 'MethodNotAllowed', method, 405);
  }

  function listObjects(res: ServerResponse, query: Record<string, string>) {
    const maxKeys = query['max-keys'] === undefined ? 100 : Number(query['max-keys']);
    if (!Number.isInteger(maxKeys) || maxKeys < 1 || maxKeys > 1000)
      return deny(res, 'InvalidArgument', 'max-keys must be 1…1000', 400);
    const prefix = query.prefix ?? '';
    const marker = query.marker ?? '';
    const limit = Math.min(maxKeys, options.maxKeysCap ?? 1000);
    const matching = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > marker).sort();
    const page = matching.slice(0, limit);
    const truncated = matching.length > page.length;
    const xml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const contents = page
      .map((k) => {
        const o = objects.get(k)!;
        const etag = createHash('md5').update(o.bytes).digest('hex').toUpperCase();
        return `<Contents><Key>${xml(k)}</Key><LastModified>${new Date().toISOString()}</LastModified><ETag>&quot;${etag}&quot;</ETag><Type>Normal</Type><Size>${o.bytes.length}</Size><StorageClass>Standard</StorageClass><Owner><ID>0</ID><DisplayName>0</DisplayName></Owner></Contents>`;
      })
      .join('');
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>${options.bucket}</Name><Prefix>${xml(prefix)}</Prefix>` +
      `<Marker>${xml(marker)}</Marker><MaxKeys>${maxKeys}</MaxKeys><Delimiter></Delimiter><IsTruncated>${truncated}</IsTruncated>` +
      (truncated ? `<NextMarker>${xml(page.at(-1)!)}</NextMarker>` : '') +
      `${contents}</ListBucketResult>`;
    res.writeHead(200, { 'content-type': 'application/xml', 'x-oss-request-id': 'stand-in' });
    res.end(body);
  }

  function checkAuthorization(
    method: string,
    key: string,
    query: Record<string, string>,
    headers: IncomingMessage['headers'],
  ) {
    const authorization = headers.authorization ?? '';
    const m =
      /^OSS4-HMAC-SHA256 Credential=([^/,]+)\/(\d{8})\/([a-z0-9-]+)\/oss\/aliyun_v4_request,(?:AdditionalHeaders=([a-z0-9;-]+),)?Signature=([0-9a-f]{64})$/.exec(
        authorization,
      );
    if (!m)
      return {
        code: 'InvalidArgument',
        message: `Authorization header not in V4 format: ${authorization.slice(0, 40)}`,
      };
    const [, accessKeyId, day, region, additional, signature] = m as unknown as string[];
    const date = headers['x-oss-date'] as string | undefined;
    if (headers['x-oss-content-sha256'] !== 'UNSIGNED-PAYLOAD')
      return { code: 'InvalidArgument', message: 'x-oss-content-sha256 must be UNSIGNED-PAYLOAD' };
    const timeProblem = checkDate(date, day!, accessKeyId!, region!);
    if (timeProblem) return timeProblem;
    if (Math.abs(parseDate(date!) - Date.now()) > 15 * 60_000)
      return { code: 'RequestTimeTooSkewed', message: 'x-oss-date more than 15 minutes off' };
    const expected = sign(method, key, query, headers, additional ? additional.split(';') : [], date!, day!, region!);
    return expected === signature
      ? null
      : { code: 'SignatureDoesNotMatch', message: 'recomputed V4 signature differs' };
  }

  function checkPresigned(
    method: string,
    key: string,
    query: Record<string, string>,
    headers: IncomingMessage['headers'],
  ) {
    if (query['x-oss-signature-version'] !== 'OSS4-HMAC-SHA256')
      return { code: 'InvalidArgument', message: 'x-oss-signature-version must be OSS4-HMAC-SHA256' };
    const credential = /^([^/]+)\/(\d{8})\/([a-z0-9-]+)\/oss\/aliyun_v4_request$/.exec(query['x-oss-credential'] ?? '');
    if (!credential) return { code: 'InvalidArgument', message: 'x-oss-credential malformed' };
    const [, accessKeyId, day, region] = credential as unknown as string[];
    const date = query['x-oss-date'];
    const timeProblem = checkDate(date, day!, accessKeyId!, region!);
    if (timeProblem) return timeProblem;
    const expires = Number(query['x-oss-expires']);
    if (!Number.isInteger(expires) || expires < 1 || expires > 604_800)
      return { code: 'InvalidArgument', message: 'x-oss-expires must be 1…604800' };
    if (Date.now() > parseDate(date!) + expires * 1000)
      return { code: 'AccessDenied', message: 'Request has expired.' };
    const { 'x-oss-signature': signature, ...signedQuery } = query;
    const additional = query['x-oss-additional-headers'] ? query['x-oss-additional-headers'].split(';') : [];
    const expected = sign(method, key, signedQuery, headers, additional, date!, day!, region!);
    return expected === signature
      ? null
      : { code: 'SignatureDoesNotMatch', message: 'recomputed V4 URL signature differs' };
  }

  function checkDate(date: string | undefined, day: string, accessKeyId: string, region: string) {
    if (accessKeyId !== options.accessKeyId) return { code: 'InvalidAccessKeyId', message: 'unknown AccessKeyId' };
    if (region !== options.region)
      return { code: 'InvalidArgument', message: `credential region ${region} is not ${options.region}` };
    if (!date || !/^\d{8}T\d{6}Z$/.test(date))
      return { code: 'InvalidArgument', message: 'x-oss-date must be yyyymmddTHHMMSSZ' };
    if (date.slice(0, 8) !== day)
      return { code: 'InvalidArgument', message: 'credential date differs from x-oss-date' };
    return null;
  }

  function sign(
    method: string,
    key: string,
    query: Record<string, string>,
    headers: IncomingMessage['headers'],
    additional: string[],
    date: string,
    day: string,
    region: string,
  ) {
    const canonicalUri = `/${options.bucket}/${key}`.split('/').map(rfc3986).join('/');
    const canonicalQuery = Object.keys(query)
      .sort()
      .map((k) => (query[k] === '' ? rfc3986(k) : `${rfc3986(k)}=${rfc3986(query[k]!)}`))
      .join('&');
    const signedHeaderNames = Object.keys(headers)
      .filter((h) => h === 'content-type' || h === 'content-md5' || h.startsWith('x-oss-') || additional.includes(h))
      .sort();
    const canonicalHeaders = signedHeaderNames.map((h) => `${h}:${String(headers[h]).trim()}\n`).join('');
    const canonicalRequest = [
      method,
      canonicalUri,
      canonicalQuery,
      canonicalHeaders,
      additional.join(';'),
      'UNSIGNED-PAYLOAD',
    ].join('\n');
    const scope = `${day}/${region}/oss/aliyun_v4_request`;
    const stringToSign = [
      'OSS4-HMAC-SHA256',
      date,
      scope,
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n');
    const hmac = (k: string | Buffer, data: string) => createHmac('sha256', k).update(data).digest();
    const signingKey = hmac(
      hmac(hmac(hmac(`aliyun_v4${options.accessKeySecret}`, day), region), 'oss'),
      'aliyun_v4_request',
    );
    return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  }

  function deny(res: ServerResponse, code: string, message: string, status = 403) {
    rejections.push(`${code}: ${message}`);
    reply(res, status, code, message);
  }

  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    objects,
    requests,
    rejections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function reply(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-oss-request-id': 'stand-in' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>stand-in</RequestId></Error>`,
  );
}

/** RFC 3986 unreserved characters stay; everything else is %XX (upper case). */
function rfc3986(value: string) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 20261127T083251Z → epoch ms. */
function parseDate(date: string) {
  return Date.UTC(
    +date.slice(0, 4),
    +date.slice(4, 6) - 1,
    +date.slice(6, 8),
    +date.slice(9, 11),
    +date.slice(11, 13),
    +date.slice(13, 15),
  );
}
