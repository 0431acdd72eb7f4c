import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud RPC-style request signature, version 1.0 (HMAC-SHA1), as documented in
 * "签名机制" for RPC APIs: https://help.aliyun.com/document_detail/28839.html (English:
 * https://www.alibabacloud.com/help/doc-detail/127287.htm).
 *
 *   CanonicalizedQueryString = every parameter except Signature, sorted by name,
 *                              percentEncode(name) "=" percentEncode(value), joined by "&"
 *   StringToSign = HTTPMethod "&" percentEncode("/") "&" percentEncode(CanonicalizedQueryString)
 *   Signature    = Base64(HMAC-SHA1(AccessKeySecret + "&", UTF-8(StringToSign)))
 *
 * percentEncode is RFC 3986: A–Z a–z 0–9 - _ . ~ stay, everything else is %XY of its
 * UTF-8 bytes, space is %20 (not +).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalizedQueryString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join('&');
}

export function stringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQueryString(params))}`;
}

export function rpcSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params), 'utf8').digest('base64');
}
