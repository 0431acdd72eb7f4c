import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { createLogger } from '../../lib/logger';
import { rpcSignature, percentEncode, stringToSign } from './aliyun-signature';
import { createAliyunSms } from './aliyun-sms';
import { startAliyunSmsStandIn } from './aliyun-stand-in';

const credentials = {
  accessKeyId: 'LTAI5tStandInKeyId',
  accessKeySecret: 'stand-in-secret-0123456789',
  signName: '道路运输电子证照',
};
const logger = createLogger('silent');
let standIn: Awaited<ReturnType<typeof startAliyunSmsStandIn>>;

beforeAll(async () => {
  standIn = await startAliyunSmsStandIn({ ...credentials, templateCode: 'SMS_154950909', requiredParams: ['code'] });
});
afterAll(() => standIn?.close());

const client = (overrides: Partial<typeof credentials & { endpoint: string }> = {}) =>
  createAliyunSms({
    ...credentials,
    endpoint: standIn.url,
    templates: { LOGIN_CODE: 'SMS_154950909' },
    logger,
    ...overrides,
  });

const failure = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('Alibaba Cloud RPC signature', () => {
  it("reproduces the documentation's worked example (DescribeRegions, secret testsecret)", () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    };
    expect(stringToSign('GET', params)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(rpcSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('percent-encodes per RFC 3986: unreserved kept, space %20, * and UTF-8 encoded', () => {
    expect(percentEncode('A-z_0.9~')).toBe('A-z_0.9~');
    expect(percentEncode("a b*'()!")).toBe('a%20b%2A%27%28%29%21');
    expect(percentEncode('道')).toBe('%E9%81%93');
    expect(percentEncode('{"code":"123456"}')).toBe('%7B%22code%22%3A%22123456%22%7D');
  });
});

describe('SendSms against the local stand-in', () => {
  it('is accepted (signature, parameters, Chinese sign name) and returns the BizId', async () => {
    const { providerMessageId } = await client().send({
      phone: '13800138000',
      templateCode: 'LOGIN_CODE',
      params: { code: '042917' },
    });
    expect(providerMessageId).toMatch(/\^0$/);
    expect(standIn.received.at(-1)).toMatchObject({
      phone: '13800138000',
      signName: '道路运输电子证照',
      templateCode: 'SMS_154950909',
      params: { code: '042917' },
    });
  });

  it('a wrong secret is refused by the stand-in (SignatureDoesNotMatch) → UPSTREAM_UNAVAILABLE', async () => {
    const err = await failure(
      client({ accessKeySecret: 'not-the-secret' }).send({
        phone: '13800138000',
        templateCode: 'LOGIN_CODE',
        params: { code: '111111' },
      }),
    );
    expect(standIn.refusals.at(-1)).toBe('SignatureDoesNotMatch');
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.message).toBe('短信服务暂不可用，请稍后再试');
  });

  it('an unknown access key (HTTP 404 InvalidAccessKeyId.NotFound) → UPSTREAM_UNAVAILABLE', async () => {
    const err = await failure(
      client({ accessKeyId: 'LTAIunknown' }).send({
        phone: '13800138000',
        templateCode: 'LOGIN_CODE',
        params: { code: '111111' },
      }),
    );
    expect(standIn.refusals.at(-1)).toBe('InvalidAccessKeyId.NotFound');
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('per-number flow control (isv.BUSINESS_LIMIT_CONTROL) → SMS_RATE_LIMITED with Retry-After', async () => {
    standIn.flowControl('13800138999');
    const err = await failure(
      client().send({ phone: '13800138999', templateCode: 'LOGIN_CODE', params: { code: '222222' } }),
    );
    expect(standIn.refusals.at(-1)).toBe('isv.BUSINESS_LIMIT_CONTROL');
    expect(err.code).toBe('SMS_RATE_LIMITED');
    expect(err.status).toBe(429);
    expect(err.retryAfterSeconds).toBe(60);
  });

  it('a number the provider calls illegal → VALIDATION_FAILED on phone', async () => {
    const err = await failure(
      client().send({ phone: '1380013800', templateCode: 'LOGIN_CODE', params: { code: '333333' } }),
    );
    expect(standIn.refusals.at(-1)).toBe('isv.MOBILE_NUMBER_ILLEGAL');
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', fields: { phone: expect.any(String) } });
  });

  it('a missing template variable is refused (isv.TEMPLATE_MISSING_PARAMETERS) → UPSTREAM_UNAVAILABLE', async () => {
    const err = await failure(client().send({ phone: '13800138000', templateCode: 'LOGIN_CODE', params: {} }));
    expect(standIn.refusals.at(-1)).toBe('isv.TEMPLATE_MISSING_PARAMETERS');
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('an unreachable endpoint → UPSTREAM_UNAVAILABLE', async () => {
    const err = await failure(
      client({ endpoint: 'http://127.0.0.1:9' }).send({
        phone: '13800138000',
        templateCode: 'LOGIN_CODE',
        params: { code: '444444' },
      }),
    );
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('SendBatchSms and QuerySendDetails against the local stand-in', () => {
  let batchStandIn: Awaited<ReturnType<typeof startAliyunSmsStandIn>>;
  beforeAll(async () => {
    batchStandIn = await startAliyunSmsStandIn({
      ...credentials,
      templateCode: 'SMS_154950909',
      requiredParams: ['code'],
      templates: { SMS_900000001: ['date', 'link'] },
    });
  });
  afterAll(() => batchStandIn?.close());
  const batchClient = () =>
    createAliyunSms({
      ...credentials,
      endpoint: batchStandIn.url,
      templates: { LOGIN_CODE: 'SMS_154950909', EXPIRY: 'SMS_900000001' },
      logger,
    });

  it('sends one request for several numbers (JSON arrays of equal length, OutId) and finds them again by OutId', async () => {
    const { providerMessageId } = await batchClient().sendBatch({
      templateCode: 'EXPIRY',
      outId: 'out-0001',
      items: [
        { phone: '13800138001', params: { date: '3月1日', link: 'https://x.cn/s/abcdefgh' } },
        { phone: '13800138002', params: { date: '3月2日', link: 'https://x.cn/s/bcdefghi' } },
      ],
    });
    expect(batchStandIn.refusals).toEqual([]);
    expect(batchStandIn.received.map((r) => [r.action, r.phone, r.bizId, r.outId])).toEqual([
      ['SendBatchSms', '13800138001', providerMessageId, 'out-0001'],
      ['SendBatchSms', '13800138002', providerMessageId, 'out-0001'],
    ]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const details = await batchClient().query({ phone: '13800138002', sendDate: today });
    expect(details).toEqual([
      {
        status: 'DELIVERED',
        outId: 'out-0001',
        templateCode: 'SMS_900000001',
        errCode: 'DELIVERED',
        receivedAt: expect.any(Date),
      },
    ]);
    batchStandIn.failReceipt(providerMessageId, '13800138001');
    expect(
      (await batchClient().query({ phone: '13800138001', sendDate: today, bizId: providerMessageId }))[0],
    ).toMatchObject({ status: 'FAILED', errCode: 'MK:0001' });
  });

  it('a template variable missing in one item is refused for the batch; a template not configured is not supported', async () => {
    const err = await failure(
      batchClient().sendBatch({
        templateCode: 'EXPIRY',
        outId: 'out-0002',
        items: [
          { phone: '13800138001', params: { date: '3月1日', link: 'x' } },
          { phone: '13800138002', params: { date: '3月2日' } },
        ],
      }),
    );
    expect(batchStandIn.refusals.at(-1)).toBe('isv.TEMPLATE_MISSING_PARAMETERS');
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(batchClient().supports('EXPIRY')).toBe(true);
    expect(batchClient().supports('CONVERSION')).toBe(false);
  });
});
