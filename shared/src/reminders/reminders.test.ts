import { describe, expect, it } from 'vitest';
import { reminderKindList, type ReminderKind } from '../schemas/reminders';
import {
  SHORT_LINK_ALPHABET,
  SHORT_LINK_CODE_LENGTH,
  reminderRules,
  reminderTargetPath,
  scheduledReminderKinds,
  shortLinkCodePattern,
} from './rules';
import {
  SMS_SEGMENT_CHARS,
  SMS_SIGNATURE,
  reminderMessage,
  reminderSmsTemplates,
  renderReminderSms,
  smsVariables,
  type ReminderContent,
} from './texts';

/**
 * The longest realistic short link: a provincial domain of 18 characters (dzzz.jtt.gd.gov.cn),
 * HTTPS, and the 8-character code. docs/reminders.md states the limit this implies on PUBLIC_BASE_URL.
 */
const LONGEST_LINK = `https://dzzz.jtt.gd.gov.cn/s/${'Z'.repeat(SHORT_LINK_CODE_LENGTH)}`;

/** Every variant of every kind with its longest values (12月31日 is the longest date). */
const longest: ReminderContent[] = [
  { kind: 'EXPIRY', variant: 'd90', params: { date: '2026-12-31', typeCode: 'D071', days: 90 } },
  { kind: 'EXPIRED', variant: '', params: { date: '2026-12-31', typeCode: 'D071' } },
  { kind: 'REVIEW_DUE', variant: 'convert', params: { date: '2026-12-31', review: 'INTEGRITY', typeCode: 'D071' } },
  { kind: 'REVIEW_DUE', variant: 'convert', params: { date: '2026-12-31', review: 'ANNUAL', typeCode: 'Q011' } },
  { kind: 'REVIEW_DUE', variant: 'plain', params: { date: '2026-12-31', review: 'INTEGRITY', typeCode: 'D071' } },
  { kind: 'MISSING_DATA', variant: 'opened', params: { typeCode: 'D071', count: 12 } },
  { kind: 'MISSING_DATA', variant: 'again', params: { typeCode: 'D071' } },
  { kind: 'APPLICATION_STATUS', variant: 'RETURNED', params: { typeCode: 'D071', reason: '照片不清晰' } },
  { kind: 'APPLICATION_STATUS', variant: 'ISSUED', params: { typeCode: 'D071' } },
  { kind: 'APPLICATION_STATUS', variant: 'REJECTED', params: { typeCode: 'D071', reason: '材料不全' } },
  { kind: 'ACTIVATION', variant: 'first', params: { typeCode: 'D071' } },
  { kind: 'CONVERSION', variant: '', params: { typeCode: 'D071' } },
];

describe('reminder SMS texts', () => {
  it.each(longest.map((c) => [`${c.kind} ${c.variant}`, c] as const))(
    '%s fits one segment (≤ 70 characters with signature and short link)',
    (_label, content) => {
      const text = renderReminderSms(content.kind, smsVariables(content, LONGEST_LINK));
      expect(text.startsWith(SMS_SIGNATURE)).toBe(true);
      expect(text).toContain(LONGEST_LINK);
      expect(text).not.toMatch(/\$\{|undefined|null/);
      expect([...text].length).toBeLessThanOrEqual(SMS_SEGMENT_CHARS);
    },
  );

  it('covers every kind, and every template variable is filled', () => {
    expect(new Set(longest.map((c) => c.kind))).toEqual(new Set(reminderKindList));
    for (const content of longest) {
      const names = [...reminderSmsTemplates[content.kind].matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(smsVariables(content, LONGEST_LINK)).sort()).toEqual([...names].sort());
    }
  });

  it('reads the renewal text as a driver sees it', () => {
    const content = longest[0]!;
    expect(renderReminderSms('EXPIRY', smsVariables(content, 'https://x.cn/s/abcdefgh'))).toBe(
      '【道路运输电子证照】您的证照12月31日到期，请办理延续：https://x.cn/s/abcdefgh',
    );
  });
});

describe('in-app messages', () => {
  it.each(longest.map((c) => [`${c.kind} ${c.variant}`, c] as const))('%s has a Chinese title and body', (_l, c) => {
    const { title, body } = reminderMessage(c);
    expect(title).toMatch(/^[\u4e00-\u9fa5/]+$/);
    expect(body).toMatch(/[\u4e00-\u9fa5]/);
    expect(body).not.toMatch(/undefined|null|\{/);
  });

  it('names the certificate type and the date, and carries the return reason', () => {
    expect(reminderMessage(longest[0]!).body).toContain('2026年12月31日');
    expect(reminderMessage(longest[0]!).body).toContain('从业资格证');
    expect(reminderMessage(longest[7]!).body).toContain('照片不清晰');
  });
});

describe('rules', () => {
  it('every kind has at least one outside channel; the scheduled kinds have dates', () => {
    for (const kind of reminderKindList as readonly ReminderKind[]) expect(reminderRules[kind].channels.length).toBe(2);
    expect(scheduledReminderKinds).toEqual(['EXPIRY', 'EXPIRED', 'REVIEW_DUE', 'MISSING_DATA', 'ACTIVATION']);
  });

  it('fills target paths with encoded opaque ids', () => {
    expect(reminderTargetPath('renewal', { typeCode: 'D071', certificateId: 'c-1' })).toBe(
      'pkg-apply/pages/start/index?typeCode=D071&kind=RENEWAL&certificateId=c-1',
    );
    expect(reminderTargetPath('task', { taskId: 'a&b' })).toBe('pkg-certificate/pages/task/index?id=a%26b');
  });

  it('short link codes: base58 without look-alikes, 8 characters', () => {
    expect(SHORT_LINK_ALPHABET).toHaveLength(58);
    expect(SHORT_LINK_ALPHABET).not.toMatch(/[0OIl]/);
    expect(shortLinkCodePattern.test('Ab3dEf7h')).toBe(true);
    expect(shortLinkCodePattern.test('Ab3dEf7O')).toBe(false);
    expect(shortLinkCodePattern.test('Ab3dEf7')).toBe(false);
  });
});
