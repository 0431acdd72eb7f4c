import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST SUPPORT: a local stand-in for Alibaba Cloud's Dysmsapi endpoint. It checks SendSms,
 * SendBatchSms and QuerySendDetails calls the way the documentation describes them (each
 * action's parameters and no others; batch arrays of equal length, ≤ 100 numbers; SendDate
 * yyyyMMdd, PageSize 1–50) — common parameters, the RPC
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
  /** More approved templates (code → required variables), e.g. one per reminder kind. */
  templates?: Record<string, string[]>;
};
export type ReceivedSms = {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  /** SendSms / SendBatchSms, the request's OutId and the BizId answered. */
  action?: 'SendSms' | 'SendBatchSms';
  outId?: string;
  bizId?: string;
  /** When it was accepted (QuerySendDetails filters on the China day). */
  at?: Date;
};

/** yyyyMMdd of a moment, China time. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
/** yyyy-MM-dd HH:mm:ss, China time (QuerySendDetails' date format). */
const chinaDateTime = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

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

/** Each action's own parameters as documented (anything else is refused). */
const actionParams = {
  SendSms: ['PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam', 'SmsUpExtendCode', 'OutId'],
  SendBatchSms: [
    'PhoneNumberJson',
    'SignNameJson',
    'TemplateCode',
    'TemplateParamJson',
    'SmsUpExtendCodeJson',
    'OutId',
  ],
  QuerySendDetails: ['PhoneNumber', 'BizId', 'SendDate', 'PageSize', 'CurrentPage'],
};

export async function startAliyunSmsStandIn(options: AliyunStandInOptions) {
  const received: ReceivedSms[] = [];
  const refusals: string[] = [];
  const nonces = new Set<string>();
  const flowControlled = new Set<string>();
  const templates = new Map<string, string[]>([
    [options.templateCode, options.requiredParams],
    ...Object.entries(options.templates ?? {}),
  ]);
  /** Accept, then answer this late (a client timeout after the provider took the message). */
  let answerDelayMs = 0;
  /** Operator receipts by BizId + phone: DELIVERED (3) unless marked failed (2). */
  const failedReceipts = new Set<string>();
  let bizSeq = 0;

  function answer(res: ServerResponse, status: number, body: Record<string, unknown>) {
    if (body.Code !== 'OK') refusals.push(body.Code as string);
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
    const action = params.get('Action');
    if (!['SendSms', 'SendBatchSms', 'QuerySendDetails'].includes(action!) || params.get('Version') !== '2017-05-25')
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

    const allowed = new Set([...COMMON, ...actionParams[action as keyof typeof actionParams]]);
    const extra = [...params.keys()].find((k) => !allowed.has(k));
    if (extra) return answer(res, 400, { Code: 'InvalidParameter', Message: `unexpected parameter ${extra}` });
    if (action === 'QuerySendDetails') return querySendDetails(res, params);
    if (action === 'SendBatchSms') return sendBatchSms(res, params);

    const phone = params.get('PhoneNumbers') ?? '';
    if (!/^1\d{10}$/.test(phone)) return answer(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    if (params.get('SignName') !== options.signName)
      return answer(res, 200, { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: '该账号下找不到对应签名' });
    const required = templates.get(params.get('TemplateCode') ?? '');
    if (!required) return answer(res, 200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '该账号下找不到对应模板' });
    let templateParams: Record<string, string>;
    try {
      templateParams = JSON.parse(params.get('TemplateParam') ?? '') as Record<string, string>;
    } catch {
      return answer(res, 200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值' });
    }
    if (required.some((p) => typeof templateParams[p] !== 'string'))
      return answer(res, 200, { Code: 'isv.TEMPLATE_MISSING_PARAMETERS', Message: '模板变量缺少对应参数值' });
    if (flowControlled.has(phone))
      return answer(res, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控Permits:10' });
    const bizId = `${Date.now()}${String((bizSeq += 1)).padStart(4, '0')}^0`;
    received.push({
      phone,
      signName: params.get('SignName')!,
      templateCode: params.get('TemplateCode')!,
      params: templateParams,
      action: 'SendSms',
      outId: params.get('OutId'),
      bizId,
      at: new Date(),
    });
    return later(() => answer(res, 200, { Code: 'OK', Message: 'OK', BizId: bizId }));
  }

  /** Accepted already; the answer may come too late for the client (setAnswerDelay). */
  function later(fn: () => void) {
    if (answerDelayMs > 0) setTimeout(fn, answerDelayMs);
    else fn();
  }

  function sendBatchSms(res: ServerResponse, params: Map<string, string>) {
    let phones: unknown, signs: unknown, values: unknown;
    try {
      phones = JSON.parse(params.get('PhoneNumberJson') ?? '');
      signs = JSON.parse(params.get('SignNameJson') ?? '');
      values = JSON.parse(params.get('TemplateParamJson') ?? '[]');
    } catch {
      return answer(res, 200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法' });
    }
    if (!Array.isArray(phones) || !Array.isArray(signs) || !Array.isArray(values) || phones.length === 0)
      return answer(res, 200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法' });
    if (phones.length > 100)
      return answer(res, 200, { Code: 'isv.MOBILE_COUNT_OVER_LIMIT', Message: '手机号码数量超过限制' });
    if (signs.length !== phones.length || values.length !== phones.length)
      return answer(res, 200, { Code: 'isv.INVALID_PARAMETERS', Message: '签名、模板变量与号码数量不一致' });
    if (phones.some((p) => typeof p !== 'string' || !/^1\d{10}$/.test(p)))
      return answer(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    if (signs.some((s) => s !== options.signName))
      return answer(res, 200, { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: '该账号下找不到对应签名' });
    const required = templates.get(params.get('TemplateCode') ?? '');
    if (!required) return answer(res, 200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '该账号下找不到对应模板' });
    if (
      values.some(
        (v) =>
          !v || typeof v !== 'object' || required.some((p) => typeof (v as Record<string, unknown>)[p] !== 'string'),
      )
    )
      return answer(res, 200, { Code: 'isv.TEMPLATE_MISSING_PARAMETERS', Message: '模板变量缺少对应参数值' });
    const bizId = `${Date.now()}${String((bizSeq += 1)).padStart(4, '0')}^0`;
    const at = new Date();
    (phones as string[]).forEach((phone, i) =>
      received.push({
        phone,
        signName: options.signName,
        templateCode: params.get('TemplateCode')!,
        params: values[i] as Record<string, string>,
        action: 'SendBatchSms',
        outId: params.get('OutId'),
        bizId,
        at,
      }),
    );
    return later(() => answer(res, 200, { Code: 'OK', Message: 'OK', BizId: bizId }));
  }

  function querySendDetails(res: ServerResponse, params: Map<string, string>) {
    const phone = params.get('PhoneNumber') ?? '';
    const sendDate = params.get('SendDate') ?? '';
    const pageSize = Number(params.get('PageSize'));
    const page = Number(params.get('CurrentPage'));
    if (!/^1\d{10}$/.test(phone)) return answer(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    if (!/^\d{8}$/.test(sendDate)) return answer(res, 400, { Code: 'InvalidParameter', Message: 'SendDate yyyyMMdd' });
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50 || !Number.isInteger(page) || page < 1)
      return answer(res, 400, { Code: 'InvalidParameter', Message: 'PageSize 1–50, CurrentPage ≥ 1' });
    const bizId = params.get('BizId');
    const all = received.filter(
      (r) => r.phone === phone && r.at && chinaDay(r.at) === sendDate && (!bizId || r.bizId === bizId),
    );
    const rows = all.slice((page - 1) * pageSize, page * pageSize).map((r) => ({
      PhoneNum: r.phone,
      SendStatus: failedReceipts.has(`${r.bizId}|${r.phone}`) ? 2 : 3,
      ErrCode: failedReceipts.has(`${r.bizId}|${r.phone}`) ? 'MK:0001' : 'DELIVERED',
      TemplateCode: r.templateCode,
      Content: `【${r.signName}】…`,
      SendDate: chinaDateTime(r.at!),
      ReceiveDate: chinaDateTime(r.at!),
      OutId: r.outId ?? '',
    }));
    return answer(res, 200, {
      Code: 'OK',
      Message: 'OK',
      TotalCount: all.length,
      SmsSendDetailDTOs: { SmsSendDetailDTO: rows },
    });
  }

  const server = createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    refusals,
    /** Accept messages but answer this many ms later (0: at once): a client timeout that was delivered. */
    setAnswerDelay: (ms: number) => {
      answerDelayMs = ms;
    },
    /** The operator reports this message failed (QuerySendDetails SendStatus 2). */
    failReceipt: (bizId: string, phone: string) => failedReceipts.add(`${bizId}|${phone}`),
    /** Answer isv.BUSINESS_LIMIT_CONTROL for this number from now on. */
    flowControl: (phone: string) => flowControlled.add(phone),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
