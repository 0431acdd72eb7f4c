import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import type { Logger } from '../../lib/logger';
import { canonicalizedQueryString, percentEncode, rpcSignature } from './aliyun-signature';
import { SmsUncertainError, type SmsProvider, type SmsSendDetail, type SmsTemplateCode } from './sms-provider';

export type AliyunSmsOptions = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** https://dysmsapi.aliyuncs.com unless configured (ALIYUN_SMS_ENDPOINT). */
  endpoint: string;
  /** Our logical template → the approved Alibaba Cloud template code (SMS_xxxxxxxx); reminder kinds optional. */
  templates: { LOGIN_CODE: string } & Partial<Record<SmsTemplateCode, string>>;
  logger: Logger;
  /** The SendSms guidance asks for ≥ 1 s; on timeout we give up (no blind retry: SendSms is not idempotent). */
  timeoutMs?: number;
};

type AliyunAnswer = {
  Code?: string;
  Message?: string;
  BizId?: string;
  RequestId?: string;
  TotalCount?: number;
  SmsSendDetailDTOs?: { SmsSendDetailDTO?: AliyunSendDetail[] };
};
type AliyunSendDetail = {
  PhoneNum?: string;
  SendStatus?: number;
  ErrCode?: string;
  TemplateCode?: string;
  ReceiveDate?: string;
  OutId?: string;
};

/** "2019-01-08 16:44:13" (China time) → Date. */
const chinaTime = (value: string | undefined) =>
  value && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? new Date(`${value.replace(' ', 'T')}+08:00`) : null;

/**
 * Alibaba Cloud SMS, Dysmsapi 2017-05-25, RPC style: a form-encoded POST to the endpoint root
 * carrying the common parameters (Action, Version, Format, AccessKeyId, SignatureMethod/Version/
 * Nonce, Timestamp) and the action's own, signed per aliyun-signature.ts.
 * - SendSms: PhoneNumbers, SignName, TemplateCode, TemplateParam (JSON string), OutId.
 *   https://help.aliyun.com/en/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms
 * - SendBatchSms: PhoneNumberJson, SignNameJson (one per number), TemplateCode,
 *   TemplateParamJson (one object per number), OutId; at most 100 numbers, one BizId.
 *   https://help.aliyun.com/en/sms/developer-reference/api-dysmsapi-2017-05-25-sendbatchsms
 * - QuerySendDetails: PhoneNumber, SendDate (yyyyMMdd, last 30 days), PageSize (≤ 50),
 *   CurrentPage, BizId optional; SendStatus 1 waiting for the receipt, 2 failed, 3 delivered.
 *   https://help.aliyun.com/en/sms/developer-reference/api-dysmsapi-2017-05-25-querysenddetails
 * Neither send is idempotent: a timeout throws SmsUncertainError and the caller asks
 * QuerySendDetails (by OutId) before it sends again.
 */
export function createAliyunSms(options: AliyunSmsOptions): SmsProvider {
  const endpoint = options.endpoint.replace(/\/$/, '');

  async function call(action: string, params: Record<string, string>): Promise<AliyunAnswer> {
    const request: Record<string, string> = {
      AccessKeyId: options.accessKeyId,
      Action: action,
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      ...params,
    };
    const body = `${canonicalizedQueryString(request)}&Signature=${percentEncode(rpcSignature('POST', request, options.accessKeySecret))}`;
    let status: number;
    let answer: AliyunAnswer;
    try {
      const res = await fetch(`${endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      status = res.status;
      answer = (await res.json()) as AliyunAnswer;
    } catch (err) {
      const name = (err as Error).name;
      options.logger.warn({ smsProvider: 'aliyun', action, err: name }, 'SMS provider unreachable or answered garbage');
      // A timeout may have been accepted: the sender resolves it with QuerySendDetails.
      if (name === 'TimeoutError' && action !== 'QuerySendDetails') throw new SmsUncertainError(err);
      throw new AppError('UPSTREAM_UNAVAILABLE', { message: '短信服务暂不可用，请稍后再试', cause: err });
    }
    if (answer.Code === 'OK') return answer;
    throw aliyunSmsError(answer, status, options.logger);
  }

  const templateOf = (templateCode: SmsTemplateCode) => {
    const code = options.templates[templateCode];
    if (!code) throw new AppError('UPSTREAM_UNAVAILABLE', { message: '短信模板未配置' });
    return code;
  };
  const bizId = (answer: AliyunAnswer) => {
    if (!answer.BizId) throw new SmsUncertainError();
    return { providerMessageId: answer.BizId };
  };

  return {
    name: 'aliyun',
    supports: (templateCode) => Boolean(options.templates[templateCode]),

    async send({ phone, templateCode, params, outId }) {
      const answer = await call('SendSms', {
        PhoneNumbers: phone,
        SignName: options.signName,
        TemplateCode: templateOf(templateCode),
        TemplateParam: JSON.stringify(params),
        ...(outId ? { OutId: outId } : {}),
      });
      return bizId(answer);
    },

    async sendBatch({ templateCode, items, outId }) {
      if (items.length === 0 || items.length > 100) throw new Error('SendBatchSms takes 1 to 100 numbers');
      const answer = await call('SendBatchSms', {
        PhoneNumberJson: JSON.stringify(items.map((i) => i.phone)),
        SignNameJson: JSON.stringify(items.map(() => options.signName)),
        TemplateCode: templateOf(templateCode),
        TemplateParamJson: JSON.stringify(items.map((i) => i.params)),
        OutId: outId,
      });
      return bizId(answer);
    },

    async query({ phone, sendDate, bizId: id }) {
      const details: SmsSendDetail[] = [];
      for (let page = 1; page <= 20; page += 1) {
        const answer = await call('QuerySendDetails', {
          PhoneNumber: phone,
          SendDate: sendDate,
          PageSize: '50',
          CurrentPage: String(page),
          ...(id ? { BizId: id } : {}),
        });
        const rows = answer.SmsSendDetailDTOs?.SmsSendDetailDTO ?? [];
        for (const row of rows)
          details.push({
            status: row.SendStatus === 3 ? 'DELIVERED' : row.SendStatus === 2 ? 'FAILED' : 'WAITING',
            outId: row.OutId ?? null,
            templateCode: row.TemplateCode ?? null,
            errCode: row.ErrCode ?? null,
            receivedAt: chinaTime(row.ReceiveDate),
          });
        if (rows.length < 50 || details.length >= (answer.TotalCount ?? 0)) break;
      }
      return details;
    },
  };
}

/** Alibaba Cloud error codes → our stable errors. Only the provider's code is logged. */
export function aliyunSmsError(answer: AliyunAnswer, httpStatus: number, logger: Logger): AppError {
  const code = answer.Code ?? `HTTP_${httpStatus}`;
  const log = { smsProvider: 'aliyun', providerCode: code, requestId: answer.RequestId, httpStatus };
  // Per-number flow control (1/min, 5/h, 10/day per signature by default) and throttling.
  if (/^isv\.(BUSINESS|DAY|MONTH)_LIMIT_CONTROL$/.test(code) || code.startsWith('Throttling')) {
    logger.info(log, 'SMS provider flow control');
    return new AppError('SMS_RATE_LIMITED', { message: '该手机号接收短信过于频繁，请稍后再试', retryAfterSeconds: 60 });
  }
  if (code === 'isv.MOBILE_NUMBER_ILLEGAL') {
    return new AppError('VALIDATION_FAILED', { fields: { phone: '该号码无法接收短信，请检查手机号码' } });
  }
  // Everything else is ours to fix (credentials, signature, template, balance) or theirs (isp.*).
  logger.error(log, 'SMS provider refused the message');
  return new AppError('UPSTREAM_UNAVAILABLE', { message: '短信服务暂不可用，请稍后再试' });
}
