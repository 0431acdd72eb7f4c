import type { Config } from '../../config';
import type { Db } from '../../db/unit-of-work';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { Logger } from '../../lib/logger';
import { createAliyunSms } from './aliyun-sms';
import { createConsoleSms } from './console-sms';
import type { SmsProvider } from './sms-provider';

export type { SmsProvider, SmsMessage, SmsTemplateCode, SmsBatch, SmsSendDetail } from './sms-provider';
export { SmsUncertainError, renderSms } from './sms-provider';

/** The one place the SMS provider is chosen (from validated configuration). */
export function createSmsProvider(
  sms: Config['sms'],
  deps: { prisma: Db; fieldCrypto: FieldCrypto; logger: Logger },
): SmsProvider {
  if (sms.provider === 'aliyun') {
    return createAliyunSms({
      accessKeyId: sms.accessKeyId,
      accessKeySecret: sms.accessKeySecret,
      signName: sms.signName,
      endpoint: sms.endpoint,
      templates: { LOGIN_CODE: sms.loginTemplate, ...sms.reminderTemplates },
      logger: deps.logger,
    });
  }
  deps.logger.warn(
    'SMS uses the CONSOLE STAND-IN (SMS_PROVIDER=console): messages are kept in the local outbox, not sent; refused in production',
  );
  return createConsoleSms(deps);
}
