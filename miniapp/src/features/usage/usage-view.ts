import type { UsageItem, VerificationChannel } from '@roadcert/shared';
import { formatDateTime } from '../../lib/format';

/** One line of 用证记录 as the holder reads it. */
export interface UsageRow {
  key: string;
  /** Which certificate, in the list of all certificates; null on one certificate's own list. */
  certificate: string | null;
  /** '今天 08:05' or '2026年11月20日 14:30'. */
  when: string;
  /** The four ways a certificate is used, as people name them. */
  channel: string;
  /** Which way it was done, when the channel has more than one (网页 / 小程序 / 离线). */
  channelDetail: string | null;
  who: string;
  result: string;
  /** Whether the outcome was the certificate being shown as valid / opened, or something went wrong. */
  resultTone: 'ok' | 'problem';
  /** '证照类型、证照状态、有效期' — names only; the log never holds the values. */
  fields: string;
}

const channelNames: Record<VerificationChannel, { channel: string; detail: string | null }> = {
  QR_PORTAL: { channel: '扫码核验', detail: '手机相机扫码' },
  QR_MINIAPP: { channel: '扫码核验', detail: '小程序扫码' },
  QR_OFFLINE_SYNC: { channel: '扫码核验', detail: '离线扫码，联网后上传' },
  LOOKUP: { channel: '查询', detail: '凭证号和姓名查询' },
  PARTNER_API: { channel: '合作方接口', detail: null },
  SHARE_OPEN: { channel: '分享打开', detail: '加注件链接被打开' },
};

const okResults = new Set(['VALID', 'OPENED']);

/** A record with the name of the certificate it belongs to (on the list of all certificates). */
export interface UsageEntry {
  item: UsageItem;
  certificate: string | null;
}

/**
 * A page of records as entries: on the list of all certificates each names its certificate
 * (from the account's certificate list by id; one no longer listed is just 证照).
 */
export function toUsageEntries(items: UsageItem[], certificateNames: ReadonlyMap<string, string> | null): UsageEntry[] {
  return items.map((item) => ({
    item,
    certificate: certificateNames ? (certificateNames.get(item.certificateId) ?? '证照') : null,
  }));
}

export function toUsageRow(item: UsageItem, now?: Date, certificate: string | null = null): UsageRow {
  const names = channelNames[item.channel];
  return {
    key: item.id,
    certificate,
    when: formatDateTime(item.at, now),
    channel: names.channel,
    channelDetail: names.detail,
    who: item.partnerName ?? item.verifierLabel,
    result: item.resultLabel,
    resultTone: okResults.has(item.result) ? 'ok' : 'problem',
    fields: item.fieldsShownLabels.length > 0 ? item.fieldsShownLabels.join('、') : '未显示证照信息',
  };
}

/** Newest first; a record seen twice (paging overlap) once. */
export function toUsageRows(entries: UsageEntry[], now?: Date): UsageRow[] {
  const unique = new Map(entries.map((entry) => [entry.item.id, entry]));
  return [...unique.values()]
    .sort((a, b) => Date.parse(b.item.at) - Date.parse(a.item.at))
    .map((entry) => toUsageRow(entry.item, now, entry.certificate));
}
