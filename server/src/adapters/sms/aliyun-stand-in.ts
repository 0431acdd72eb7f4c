import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST SUPPORT: a local stand-in for Alibaba Cloud's Dysmsapi endpoint. It checks a
 * SendSms call the way the documentation describes it — common parameters, the RPC
 * HMAC-SHA1 signature (recomputed here with its own byte-wise RFC 3986 encoder, not the
 * client's code), the approved sign name and template, TemplateParam as JSON — and answers
 * like the real API: HTTP 200 `{Code: "OK", BizId, RequestId}` or an `isv.*` business code,
 * HTTP 400/404 for signature and credential problems.
 */
export type AliyunStandInOptions = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  requiredParams: string[];
};
export type ReceivedSms = { phone: string; signName: string; templateCode: string; params: Record<string, string> };

const UNRESERVED = /[A-Za-z0-9\-_.~]/;
/** RFC 3986 percent-encoding of the UTF-8 bytes, as the signature document specifies. */
function rfc3986(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function expectedSignature(params: Map<string, string>, secret: string): string {
  const canonical = [...params.keys()]
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params.get(k)!)}`)
    .join('&');
  const toSign = `POST&${rfc3986('/')}&${rfc3986(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign, 'utf8').digest('base64');
}

const COMMON = [
  'AccessKeyId',
  'Action',
  'Format',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Version',
  'Signature',
];

export async function startAliyunSmsStandIn(options: AliyunStandInOptions) {
  const received: ReceivedSms[] = [];
  const refusals: string[] = [];
  const nonces = new Set<string>();
  const flowControlled = new Set<string>();

  function answer(res: ServerResponse, status: number, body: Record<string, string>) {
    if (body.Code !== 'OK') refusals.push(body.Code!);
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify({ RequestId: randomUUID().toUpperCase(), ...body }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (
      req.method !== 'POST' ||
      req.url !== '/' ||
      !req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
    ) {
      return answer(res, 400, { Code: 'InvalidParameter', Message: 'expected a form-encoded POST to /' });
    }
    const params = new Map<string, string>();
    for (const pair of Buffer.concat(chunks).toString('utf8').split('&')) {
      const [k, v = ''] = pair.split('=');
      if (v.includes('+')) return answer(res, 400, { Code: 'InvalidParameter', Message: 'space must be %20, not +' });
      const name = decodeURIComponent(k!);
      if (params.has(name)) return answer(res, 400, { Code: 'InvalidParameter', Message: `duplicate ${name}` });
      params.set(name, decodeURIComponent(v));
    }
    for (const name of COMMON)
      if (!params.get(name))
        return answer(res, 400, { Code: 'MissingParameter', Message: `${name} is mandatory for this action.` });
    if (params.get('Action') !== 'SendSms' || params.get('Version') !== '2017-05-25')
      return answer(res, 400, { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found' });
    if (
      params.get('SignatureMethod') !== 'HMAC-SHA1' ||
      params.get('SignatureVersion') !== '1.0' ||
      params.get('Format') !== 'JSON'
    ) {
      return answer(res, 400, { Code: 'InvalidParameter', Message: 'unsupported signature method, version or format' });
    }
    const timestamp = params.get('Timestamp')!;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp))
      return answer(res, 400, { Code: 'InvalidTimeStamp.Format', Message: 'Specified time stamp is not valid.' });
    if (Math.abs(Date.parse(timestamp) - Date.now()) > 15 * 60_000)
      return answer(res, 400, {
        Code: 'InvalidTimeStamp.Expired',
        Message: 'Specified time stamp or date value is expired.',
      });
    if (nonces.has(params.get('SignatureNonce')!))
      return answer(res, 400, { Code: 'SignatureNonceUsed', Message: 'Specified signature nonce was used already.' });
    nonces.add(params.get('SignatureNonce')!);
    if (params.get('AccessKeyId') !== options.accessKeyId)
      return answer(res, 404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
    if (params.get('Signature') !== expectedSignature(params, options.accessKeySecret)) {
      return answer(res, 400, {
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched with our calculation.',
      });
    }

    const phone = params.get('PhoneNumbers') ?? '';
    if (!/^1\d{10}$/.test(phone)) return answer(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    if (params.get('SignName') !== options.signName)
      return answer(res, 200, { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: '该账号下找不到对应签名' });
    if (params.get('TemplateCode') !== options.templateCode)
      return answer(res, 200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '该账号下找不到对应模板' });
    let templateParams: Record<string, string>;
    try {
      templateParams = JSON.parse(params.get('TemplateParam') ?? '') as Record<string, string>;
    } catch {
      return answer(res, 200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值' });
    }
    if (options.requiredParams.some((p) => typeof templateParams[p] !== 'string'))
      return answer(res, 200, { Code: 'isv.TEMPLATE_MISSING_PARAMETERS', Message: '模板变量缺少对应参数值' });
    if (flowControlled.has(phone))
      return answer(res, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控Permits:10' });
    received.push({
      phone,
      signName: params.get('SignName')!,
      templateCode: params.get('TemplateCode')!,
      params: templateParams,
    });
    return answer(res, 200, { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` });
  }

  const server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    refusals,
    /** Answer isv.BUSINESS_LIMIT_CONTROL for this number from now on. */
    flowControl: (phone: string) => flowControlled.add(phone),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
