import { randomInt } from 'node:crypto';
import type { TestApp } from './app';

type CertificateFields = {
  carrier?: 'PAPER' | 'IC_CARD' | 'ELECTRONIC';
  validUntil?: string | null;
  reviewDueOn?: string | null;
  createdAt?: Date;
  activatedAt?: Date | null;
  areaCode?: string;
  typeCode?: string;
};

const date = (iso: string | null | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/**
 * Test support for the reminders module: holders (with a phone, an account, a WeChat
 * subscription) and certificates and tasks with exactly the dates a test needs.
 */
export function reminderFixtures(t: TestApp) {
  const crypto = t.deps.fieldCrypto;
  return {
    randomPhone: () => `136${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,

    async holder(
      options: {
        phone?: string | null;
        areaCode?: string;
        account?: { openid?: string; grantFor?: string; withdrawn?: boolean; phone?: string };
      } = {},
    ) {
      const phone = options.phone === undefined ? this.randomPhone() : options.phone;
      const sealed = phone ? crypto.sealPhone(phone) : null;
      const holder = await t.prisma.holder.create({
        data: {
          kind: 'PERSON',
          holderTypeCode: '111',
          name: '测试',
          areaCode: options.areaCode ?? '440100',
          phoneEnc: sealed?.enc,
          phoneHash: sealed?.hash,
          phoneMasked: sealed?.masked,
        },
      });
      if (options.account) {
        const accountPhone = options.account.phone ? crypto.sealPhone(options.account.phone) : null;
        const account = await t.prisma.account.create({
          data: {
            holderId: holder.id,
            wechatOpenId: options.account.openid ?? null,
            phoneEnc: accountPhone?.enc,
            phoneHash: accountPhone?.hash,
            phoneMasked: accountPhone?.masked,
          },
        });
        if (options.account.withdrawn)
          await t.prisma.consent.create({
            data: { accountId: account.id, kind: 'SMS_REMINDERS', textVersion: 'x', withdrawnAt: new Date() },
          });
        if (options.account.grantFor)
          await t.prisma.subscriptionGrant.create({
            data: {
              accountId: account.id,
              templateId: `STANDIN_TEMPLATE_${options.account.grantFor}`,
              remaining: 1,
            },
          });
        return { ...holder, phone, accountId: account.id };
      }
      return { ...holder, phone, accountId: null as string | null };
    },

    async certificate(holderId: string, fields: CertificateFields) {
      const number = `N${randomInt(1e9)}`;
      return t.prisma.certificate.create({
        data: {
          typeCode: fields.typeCode ?? 'D071',
          numberEnc: crypto.encrypt(number, 'number'),
          numberHash: crypto.blindIndex(number, 'certificate-number'),
          numberMasked: number.slice(0, 3) + '****',
          holderId,
          carrier: fields.carrier ?? 'ELECTRONIC',
          issuedOn: new Date('2035-01-01T00:00:00Z'),
          validFrom: new Date('2035-01-01T00:00:00Z'),
          validUntil: date(fields.validUntil),
          reviewDueOn: date(fields.reviewDueOn),
          issuingAuthority: '广州市交通运输局',
          issuingAuthorityCode: '11440100MB2C93761X',
          areaCode: fields.areaCode ?? '440100',
          activatedAt: fields.activatedAt === undefined ? new Date('2035-01-02T00:00:00Z') : fields.activatedAt,
          ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
        },
      });
    },

    task: (
      certificate: { id: string; holderId: string },
      options: { createdAt: Date; fixableBy?: string; field?: string },
    ) =>
      t.prisma.completionTask.create({
        data: {
          certificateId: certificate.id,
          holderId: certificate.holderId,
          ruleCode: 'RE.test',
          field: options.field ?? 'licenceClasses',
          message: '缺少准驾车型',
          severity: 'blocking',
          fixableBy: options.fixableBy ?? 'holder',
          typeCode: 'D071',
          areaCode: '440100',
          createdAt: options.createdAt,
        },
      }),

    remindersOf: (holderId: string) => t.prisma.reminder.findMany({ where: { holderId }, orderBy: { id: 'asc' } }),
    outboxOf: (reminderId: string) =>
      t.prisma.messageOutbox.findMany({ where: { reminderId }, orderBy: { channel: 'asc' } }),
  };
}
