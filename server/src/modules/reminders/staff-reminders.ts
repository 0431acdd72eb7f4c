import {
  chinaToday,
  renderReminderSms,
  smsVariables,
  type ConversionInvitationFilter,
  type ConversionInvitationPreview,
  type ReminderStats,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import { regionPrefix } from '../../lib/regions';
import { uuidv7 } from '../../lib/uuidv7';
import type { Invitations } from './invitations';
import { currentStaff, STEWARD_ROLES, type AuthState } from '../account';
import { conversionSource } from './due-sources';
import type { EnqueueRepo } from './enqueue.repo';
import { addDays, chinaTime } from './quiet-hours';
import type { StatsRepo, StatsRow } from './stats.repo';

const MAX_RANGE_DAYS = 92;

/** One channel's sent / delivered (receipt or delivery event) / failed (send or delivery). */
function channelTotals(rows: StatsRow[], channel: 'SMS' | 'WECHAT_SUBSCRIBE') {
  const mine = rows.filter((r) => r.channel === channel);
  const sum = (key: 'sent' | 'delivered' | 'failed') => mine.reduce((n, r) => n + r[key], 0);
  return { sent: sum('sent'), delivered: sum('delivered'), failed: sum('failed') };
}

/** The workbench's reminders view: statistics and the one-off conversion invitation (换领邀请). */
export function createStaffReminders(deps: {
  stats: StatsRepo;
  enqueue: EnqueueRepo;
  invitations: Pick<Invitations, 'areaOf'>;
  publicBaseUrl: string;
  now: () => Date;
}) {
  const { areaOf } = deps.invitations;
  const source = (filter: ConversionInvitationFilter, area: string, batchId: string, now: Date) =>
    conversionSource({
      typeCode: filter.typeCode,
      carriers: filter.carriers,
      areaPrefix: area,
      month: chinaToday(now).slice(0, 7),
      batchId,
    });

  return {
    async stats(state: AuthState, query: { from?: string; to?: string }): Promise<ReminderStats> {
      const staff = currentStaff(state, STEWARD_ROLES, '只有数据治理人员或管理员可以查看提醒统计');
      const today = chinaToday(deps.now());
      const to = query.to ?? today;
      const from = query.from ?? addDays(to, -6);
      if (from > to || addDays(from, MAX_RANGE_DAYS) < to)
        throw new AppError('VALIDATION_FAILED', {
          fields: { from: `起止日期须在${MAX_RANGE_DAYS}天以内且不晚于结束日期` },
        });
      const rows = await deps.stats.rows(
        chinaTime(from, 0),
        chinaTime(addDays(to, 1), 0),
        regionPrefix(staff.regionCode),
      );
      const outside = rows.filter((r) => r.channel !== 'IN_APP');
      const sum = (key: 'sent' | 'delivered' | 'failed' | 'suppressed' | 'clicked') =>
        outside.reduce((n, r) => n + r[key], 0);
      const sent = sum('sent');
      return {
        from,
        to,
        rows: rows as ReminderStats['rows'],
        totals: {
          sent,
          delivered: sum('delivered'),
          failed: sum('failed'),
          suppressed: sum('suppressed'),
          clicked: sum('clicked'),
          deliveryRate: sent > 0 ? sum('delivered') / sent : null,
          clickRate: sent > 0 ? sum('clicked') / sent : null,
          sms: channelTotals(rows, 'SMS'),
          wechat: channelTotals(rows, 'WECHAT_SUBSCRIBE'),
        },
      };
    },

    async preview(state: AuthState, filter: ConversionInvitationFilter): Promise<ConversionInvitationPreview> {
      const { area } = areaOf(state, filter.areaPrefix);
      const now = deps.now();
      const { sql, values } = source(filter, area, uuidv7(), now);
      const reach = await deps.enqueue.reach(sql, values, now);
      const smsText = renderReminderSms(
        'CONVERSION',
        smsVariables({ kind: 'CONVERSION', variant: '', params: {} }, `${deps.publicBaseUrl}/s/A1b2C3d4`),
      );
      return { ...reach, smsText };
    },
  };
}

export type StaffReminders = ReturnType<typeof createStaffReminders>;
