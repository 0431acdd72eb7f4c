import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConsoleSms } from '../../adapters/sms/console-sms';
import { startTestApp, type TestApp } from '../../test/app';
import { reminderFixtures } from '../../test/reminder-fixtures';
import { addDays } from './quiet-hours';

let t: TestApp;
let f: ReturnType<typeof reminderFixtures>;
beforeAll(async () => {
  t = await startTestApp();
  f = reminderFixtures(t);
});
afterAll(() => t?.close());

const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);
type Kind = 'RENEWAL' | 'REPLACEMENT' | 'CONVERSION';
type State = 'DRAFT' | 'SUBMITTED' | 'IN_REVIEW' | 'RETURNED' | 'APPROVED' | 'REJECTED' | 'ISSUED';
const application = (holderId: string, certificateId: string, kind: Kind, state: State) =>
  t.prisma.application.create({
    data: { holderId, baseCertificateId: certificateId, typeCode: 'D071', kind, state, areaCode: '440100' },
  });
const kindsOf = async (holderId: string) =>
  (await t.prisma.reminder.findMany({ where: { holderId } })).map((r) => r.kind).sort();

describe('EXPIRY/EXPIRED skip a certificate whose renewal (延续/换发) is under way', () => {
  it('the scheduler queues none while a renewal is submitted, in review, returned or approved', async () => {
    const day = '2043-02-10';
    const cases: [Kind, State, boolean][] = [
      ['RENEWAL', 'SUBMITTED', false],
      ['RENEWAL', 'IN_REVIEW', false],
      ['REPLACEMENT', 'RETURNED', false],
      ['RENEWAL', 'APPROVED', false],
      ['RENEWAL', 'DRAFT', true],
      ['RENEWAL', 'REJECTED', true],
      ['CONVERSION', 'SUBMITTED', true],
    ];
    const holders = [];
    for (const [kind, state] of cases) {
      const h = await f.holder();
      const soon = await f.certificate(h.id, { validUntil: addDays(day, 30) });
      const past = await f.certificate(h.id, { validUntil: addDays(day, -1), reviewDueOn: addDays(day, 7) });
      await application(h.id, soon.id, kind, state);
      await application(h.id, past.id, kind, state);
      holders.push(h);
    }
    await t.deps.reminders.scheduler.run(at(day, '09:00'));
    for (const [i, [kind, state, reminded]] of cases.entries())
      expect([kind, state, await kindsOf(holders[i]!.id)]).toEqual([
        kind,
        state,
        // 年审/诚信考核 is not about the validity: reminded whatever the renewal.
        reminded ? ['EXPIRED', 'EXPIRY', 'REVIEW_DUE'] : ['REVIEW_DUE'],
      ]);
  });

  it('a reminder queued before the renewal was submitted is cancelled at send time with the reason, not sent', async () => {
    const day = '2043-03-10';
    const h = await f.holder();
    const cert = await f.certificate(h.id, { validUntil: addDays(day, 30) });
    await t.deps.reminders.scheduler.run(at(day, '09:00'));
    const [queued] = await t.prisma.messageOutbox.findMany({ where: { reminder: { holderId: h.id } } });
    expect(queued).toMatchObject({ channel: 'SMS', state: 'PENDING' });
    await application(h.id, cert.id, 'RENEWAL', 'SUBMITTED');
    const summary = await t.deps.reminders.sender.run(at(day, '10:00'));
    expect(summary.cancelled).toBeGreaterThanOrEqual(1);
    const row = await t.prisma.messageOutbox.findUniqueOrThrow({ where: { id: queued!.id } });
    expect(row).toMatchObject({ state: 'SUPPRESSED', lastError: 'renewal_under_way', sentAt: null });
    expect(await listConsoleSms(t.deps, h.phone!, 10)).toHaveLength(0);
  });
});
