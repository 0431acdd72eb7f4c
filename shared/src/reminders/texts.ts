import { getCertificateType } from '../registry/certificate-types';
import type { ReminderKind } from '../schemas/reminders';

/**
 * The words of every reminder (docs/reminders.md lists them with their lengths): one SMS template
 * per kind — the approved Alibaba Cloud template reads exactly the same, its `${var}`s filled by
 * `smsVariables` — and the in-app message's title and body.
 *
 * One SMS segment is 70 characters INCLUDING the signature and the short link, so the texts are
 * short and carry no type name: the link opens the exact certificate, task or application.
 */
export const SMS_SIGNATURE = '【道路运输电子证照】';
export const SMS_SEGMENT_CHARS = 70;

/** The Alibaba Cloud template text per kind (`${name}` variables), signature excluded. */
export const reminderSmsTemplates: Record<ReminderKind, string> = {
  EXPIRY: '您的证照${date}到期，请办理延续：${link}',
  EXPIRED: '您的证照已过期，请尽快办理延续：${link}',
  REVIEW_DUE: '${review}${date}到期，${action}：${link}',
  MISSING_DATA: '您的证照${state}信息待补充，请补传：${link}',
  APPLICATION_STATUS: '您的申请${status}，请${action}：${link}',
  ACTIVATION: '您的电子证照尚未激活，激活后可手机亮证：${link}',
  CONVERSION: '您可换领电子证照，手机即可亮证：${link}',
};

/** What a reminder row keeps (Reminder.kind, variant, params): no names, no numbers. */
export type ReminderContent = {
  kind: ReminderKind;
  variant: string;
  params: Record<string, string | number | null | undefined>;
};

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
/** `2026-12-31` → `12月31日`. */
export const shortChineseDate = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '';
/** `2026-12-31` → `2026年12月31日`. */
export const longChineseDate = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(0, 4)}年${shortChineseDate(iso)}` : '';

const reviewName = (params: ReminderContent['params']) => (params.review === 'ANNUAL' ? '年审' : '诚信考核');

const statusWords: Record<string, { status: string; action: string; title: string }> = {
  RETURNED: { status: '需补正', action: '查看原因并修改', title: '申请需补正' },
  ISSUED: { status: '已办结', action: '激活电子证照', title: '电子证照已签发' },
  REJECTED: { status: '未通过', action: '查看原因', title: '申请未通过' },
};

/** The template variables of one reminder's SMS (`link`: the full short link). */
export function smsVariables(content: ReminderContent, link: string): Record<string, string> {
  const p = content.params;
  switch (content.kind) {
    case 'EXPIRY':
      return { date: shortChineseDate(str(p.date)), link };
    case 'REVIEW_DUE':
      return {
        review: reviewName(p),
        date: shortChineseDate(str(p.date)),
        action: content.variant === 'convert' ? '可一并换电子证照' : '请按时办理',
        link,
      };
    case 'MISSING_DATA':
      return { state: content.variant === 'again' ? '仍有' : '有', link };
    case 'APPLICATION_STATUS': {
      const words = statusWords[content.variant] ?? statusWords.RETURNED!;
      return { status: words.status, action: words.action, link };
    }
    default:
      return { link };
  }
}

/** The SMS exactly as the phone shows it: signature + template with its variables. */
export function renderReminderSms(kind: ReminderKind, variables: Record<string, string>): string {
  return (
    SMS_SIGNATURE + reminderSmsTemplates[kind].replace(/\$\{(\w+)\}/g, (_m, name: string) => variables[name] ?? '')
  );
}

const typeName = (params: ReminderContent['params']) => getCertificateType(str(params.typeCode))?.name ?? '证照';

/** Title and body of the in-app message (消息). */
export function reminderMessage(content: ReminderContent): { title: string; body: string } {
  const p = content.params;
  const name = typeName(p);
  const date = longChineseDate(str(p.date));
  switch (content.kind) {
    case 'EXPIRY':
      return {
        title: '证照即将到期',
        body: `您的${name}将于${date}到期${p.days ? `（还有${str(p.days)}天）` : ''}。请在到期前办理延续，点击可直接开始办理。`,
      };
    case 'EXPIRED':
      return {
        title: '证照已过期',
        body: `您的${name}已于${date}到期，过期后不能继续使用。请尽快办理延续。`,
      };
    case 'REVIEW_DUE': {
      const review = reviewName(p);
      const convert = content.variant === 'convert' ? '办理时可一并将纸质或IC卡证照换领为电子证照，手机即可亮证。' : '';
      return { title: `${review}提醒`, body: `您的${name}${review}将于${date}到期，请按时办理。${convert}` };
    }
    case 'MISSING_DATA':
      return content.variant === 'again'
        ? { title: '信息仍待补充', body: `您的${name}仍有信息缺失或有误，请尽快补传，工作人员核对后更新证照。` }
        : {
            title: '信息待补充',
            body: `您的${name}有${p.count ? `${str(p.count)}项` : ''}信息缺失或有误，请补传，工作人员核对后更新证照。`,
          };
    case 'APPLICATION_STATUS': {
      const reason = str(p.reason);
      if (content.variant === 'ISSUED')
        return { title: '电子证照已签发', body: `您的${name}申请已办结，电子证照已签发。请完成激活，激活后即可亮证。` };
      if (content.variant === 'REJECTED')
        return { title: '申请未通过', body: `您的${name}申请未通过审核${reason ? `：${reason}` : ''}。` };
      return {
        title: '申请需补正',
        body: `您的${name}申请被退回补正${reason ? `：${reason}` : ''}。请按要求修改后重新提交。`,
      };
    }
    case 'ACTIVATION':
      return { title: '电子证照待激活', body: `您的${name}电子证照尚未激活。激活后即可在手机上亮证、分享。` };
    case 'CONVERSION':
      return { title: '换领电子证照', body: `您的${name}可以换领为电子证照，换领后手机即可亮证、核验。` };
  }
}
