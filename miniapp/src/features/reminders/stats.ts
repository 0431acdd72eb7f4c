import {
  messageChannelLabels,
  reminderKindLabels,
  type MessageChannel,
  type ReminderKind,
  type ReminderStats,
} from '@roadcert/shared';
import { formatCount, formatRate } from '../compliance/rates';

/** 消息提醒 statistics as the workbench shows them. Pure. */

export const rangeOptions = [
  { value: 7, label: '近7天' },
  { value: 30, label: '近30天' },
  { value: 90, label: '近90天' },
] as const;
export type RangeDays = (typeof rangeOptions)[number]['value'];

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day in China (Asia/Shanghai has no DST), as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last `days` China days up to and including today. */
export function rangeEndingToday(days: number, now: Date): { from: string; to: string } {
  return { from: chinaDay(new Date(now.getTime() - (days - 1) * DAY_MS)), to: chinaDay(now) };
}

/** delivered / sent, or clicked / sent; null when nothing was sent. */
function ratio(part: number, sent: number): number | null {
  return sent > 0 ? part / sent : null;
}

export interface StatsRow {
  key: string;
  day: string;
  kind: string;
  channel: string;
  sent: string;
  delivered: string;
  deferred: string;
  failed: string;
  suppressed: string;
  clicked: string;
  deliveryRate: string;
}

const kindOrder = (kind: ReminderKind) => Object.keys(reminderKindLabels).indexOf(kind);
const channelOrder = (channel: MessageChannel) => Object.keys(messageChannelLabels).indexOf(channel);

/** Newest day first; within a day by kind and channel, in the contract's order. */
export function statsRows(stats: ReminderStats): StatsRow[] {
  return [...stats.rows]
    .sort(
      (a, b) =>
        b.day.localeCompare(a.day) ||
        kindOrder(a.kind) - kindOrder(b.kind) ||
        channelOrder(a.channel) - channelOrder(b.channel),
    )
    .map((row) => ({
      key: `${row.day}:${row.kind}:${row.channel}`,
      day: row.day.slice(5),
      kind: reminderKindLabels[row.kind],
      channel: messageChannelLabels[row.channel],
      sent: formatCount(row.sent),
      delivered: formatCount(row.delivered),
      deferred: formatCount(row.deferred),
      failed: formatCount(row.failed),
      suppressed: formatCount(row.suppressed),
      clicked: formatCount(row.clicked),
      deliveryRate: formatRate(ratio(row.delivered, row.sent)),
    }));
}

export interface StatsTotals {
  facts: { label: string; value: string }[];
  deliveryRate: string;
  clickRate: string;
}

/** The totals line: the server's totals, plus deferred summed over the rows (the totals carry none). */
export function statsTotals(stats: ReminderStats): StatsTotals {
  const { totals } = stats;
  const deferred = stats.rows.reduce((sum, row) => sum + row.deferred, 0);
  return {
    facts: [
      { label: '已发送', value: formatCount(totals.sent) },
      { label: '已送达', value: formatCount(totals.delivered) },
      { label: '推迟发送', value: formatCount(deferred) },
      { label: '发送失败', value: formatCount(totals.failed) },
      { label: '未发送（退订等）', value: formatCount(totals.suppressed) },
      { label: '链接被打开', value: formatCount(totals.clicked) },
      // WeChat's delivery events (subscribe_msg_sent_event): delivered of sent, and failed.
      { label: '微信通知送达', value: `${formatCount(totals.wechat.delivered)} / ${formatCount(totals.wechat.sent)}` },
      { label: '微信通知失败', value: formatCount(totals.wechat.failed) },
    ],
    // Nothing sent: a dash would read as a line at this size.
    deliveryRate: totals.deliveryRate === null ? '暂无' : formatRate(totals.deliveryRate),
    clickRate: totals.clickRate === null ? '暂无' : formatRate(totals.clickRate),
  };
}
