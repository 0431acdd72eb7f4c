import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import type { Logger } from '../../lib/logger';
import { canonicalizedQueryString, percentEncode, rpcSignature } from './aliyun-signature';
import type { SmsProvider, SmsTemplateCode } from './sms-provider';

export type AliyunSmsOptions = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** https://dysmsapi.aliyuncs.com unless configured (ALIYUN_SMS_ENDPOINT). */
  endpoint: string;
  /** Our logical template → the approved Alibaba Cloud template code (SMS_xxxxxxxx). */
  templates: Record<SmsTemplateCode, string>;
  logger: Logger;
  /** The SendSms guidance asks for ≥ 1 s; on timeout we give up (no blind retry: SendSms is not idempotent). */
  timeoutMs?: number;
};

type SendSmsResponse = { Code?: string; Message?: string; BizId?: string; RequestId?: string };

/**
 * Alibaba Cloud SMS, Dysmsapi 2017-05-25 `SendSms`, RPC style: a form-encoded POST to
 * the endpoint root carrying the common parameters (Action, Version, Format, AccessKeyId,
 * SignatureMethod/Version/Nonce, Timestamp) and PhoneNumbers, SignName, TemplateCode,
 * TemplateParam (a JSON string), signed per aliyun-signature.ts.
 * API reference: https://help.aliyun.com/en/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms
 */
export function createAliyunSms(options: AliyunSmsOptions): SmsProvider {
  const endpoint = options.endpoint.replace(/\/$/, '');

  return {
    name: 'aliyun',
    async send({ phone, templateCode, params }) {
      const request: Record<string, string> = {
        AccessKeyId: options.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: phone,
        SignName: options.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: options.templates[templateCode],
        TemplateParam: JSON.stringify(params),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      const body = `${canonicalizedQueryString(request)}&Signature=${percentEncode(rpcSignature('POST', request, options.accessKeySecret))}`;

      let status: number;
      let answer: SendSmsResponse;
      try {
        const res = await fetch(`${endpoint}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
        status = res.status;
        answer = (await res.json()) as SendSmsResponse;
      } catch (err) {
        options.logger.warn(
          { smsProvider: 'aliyun', err: (err as Error).name },
          'SMS provider unreachable or answered garbage',
        );
        throw new AppError('UPSTREAM_UNAVAILABLE', { message: '短信服务暂不可用，请稍后再试', cause: err });
      }
      if (answer.Code === 'OK' && answer.BizId) return { providerMessageId: answer.BizId };
      throw aliyunSmsError(answer, status, options.logger);
    },
  };
}

/** Alibaba Cloud error codes → our stable errors. Only the provider's code is logged. */
export function aliyunSmsError(answer: SendSmsResponse, httpStatus: number, logger: Logger): AppError {
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
