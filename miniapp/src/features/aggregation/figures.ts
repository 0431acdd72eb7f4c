import type { AggregationSummary } from '@roadcert/shared';

/** 数据归集 figures as staff read them: lag, the breaker, events. The alerts come from the server (`summary.alerts`). */

/** 870 → '0.9 秒'; 95,000 → '1.6 分钟'; 7,200,000 → '2.0 小时'; null → '—'. */
export function formatLag(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} 秒`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} 分钟`;
  return `${(ms / 3_600_000).toFixed(1)} 小时`;
}

export const breakerLabels: Record<NonNullable<AggregationSummary['breaker']>, string> = {
  closed: '正常推送',
  open: '部级系统不可达，暂停推送（稍后自动重试）',
  'half-open': '试探恢复中',
};

/** Outbox events as staff read them; an unknown one shows as it is. */
const eventLabels: Record<string, string> = {
  ISSUED: '签发',
  CHANGED: '变更',
  STATUS: '状态变更',
  STOCK: '存量导入',
  ACTIVATED: '激活',
  REPLACED: '换发',
  RECONCILE: '对账补传',
  BACKFILL: '补录',
};
export const eventLabel = (event: string) => eventLabels[event] ?? event;

/** The rows of the per-type / per-region bars in the shape the compliance charts draw. */
export function asRateRows(rows: AggregationSummary['byType']) {
  return rows.map((row) => ({ ...row, compliant: row.acknowledged }));
}
