/** A complete, valid production environment (stand-ins off) for configuration tests. */
const key = Buffer.alloc(32, 7).toString('base64');
export const productionEnv = {
  ROADCERT_MODE: 'production',
  DATABASE_URL: 'postgresql://app@db.internal:5432/roadcert',
  PUBLIC_BASE_URL: 'https://roadcert.example.gov.cn',
  FIELD_ENCRYPTION_KEY: key,
  BLIND_INDEX_KEY: key,
  SESSION_TOKEN_KEY: key,
  SIGNING_KEY_FILE: '/run/secrets/sm2.pem',
  SIGNING_KEY_ID: 'sm2-2026-01',
  SMS_PROVIDER: 'aliyun',
  ALIYUN_SMS_ACCESS_KEY_ID: 'id',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
  ALIYUN_SMS_SIGN_NAME: '道路运输',
  ALIYUN_SMS_LOGIN_TEMPLATE: 'SMS_154950909',
  WECHAT_APP_ID: 'wx0123456789abcdef',
  WECHAT_APP_SECRET: '0123456789abcdef0123456789abcdef',
  MINISTRY_URL: 'https://dzzz.mot.example.gov.cn/aggregation',
  MINISTRY_CLIENT_ID: 'gd-roadcert',
  MINISTRY_TRANSPORT_KEY: Buffer.alloc(16, 9).toString('base64'),
  METRICS_TOKEN: 'metrics-0123456789abcdef0123',
};
