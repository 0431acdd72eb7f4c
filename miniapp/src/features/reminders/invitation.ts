import {
  carriers,
  certificateTypes,
  type CertificateTypeCode,
  type ConversionInvitationFilter,
  type ConversionInvitationPreview,
  type ConversionInvitationRun,
} from '@roadcert/shared';
import { formatCount } from '../compliance/rates';

/**
 * 换领邀请: the form (type, carriers, area prefix), checked before the preview; the preview
 * belongs to exactly the filter it was made for, so changing the form asks for a new one.
 */

export type InvitationCarrier = 'PAPER' | 'IC_CARD';
export const invitationCarriers: { value: InvitationCarrier; label: string }[] = [
  { value: 'PAPER', label: carriers.PAPER.label },
  { value: 'IC_CARD', label: carriers.IC_CARD.label },
];

/**
 * Every registry type can exist on paper or IC card in the stock (存量). 从业资格证 first: the
 * one most held on paper and IC card, and the form's default (the chips scroll sideways on a phone).
 */
export const invitationTypeOptions: { value: CertificateTypeCode; label: string }[] = [...certificateTypes]
  .sort((a, b) => Number(b.code === 'D071') - Number(a.code === 'D071'))
  .map((type) => ({ value: type.code, label: type.shortName }));

export interface InvitationForm {
  typeCode: CertificateTypeCode;
  carriers: InvitationCarrier[];
  areaPrefix: string;
}

export const initialInvitationForm: InvitationForm = {
  typeCode: 'D071',
  carriers: ['PAPER', 'IC_CARD'],
  areaPrefix: '',
};

export type InvitationErrors = Partial<Record<'carriers' | 'areaPrefix', string>>;

const AREA_PREFIX = /^\d{2}(\d{2}(\d{2})?)?$/;

/** The filter to send, or the form's problems in words. */
export function invitationFilter(
  form: InvitationForm,
): { filter: ConversionInvitationFilter; errors?: undefined } | { filter?: undefined; errors: InvitationErrors } {
  const errors: InvitationErrors = {};
  const area = form.areaPrefix.trim();
  if (form.carriers.length === 0) errors.carriers = '请至少选择一种载体';
  if (area && !AREA_PREFIX.test(area)) errors.areaPrefix = '请输入2、4或6位行政区划代码，如 44、4401、440106';
  if (errors.carriers || errors.areaPrefix) return { errors };
  const ordered = invitationCarriers.map((c) => c.value).filter((c) => form.carriers.includes(c));
  return { filter: { typeCode: form.typeCode, carriers: ordered, ...(area ? { areaPrefix: area } : {}) } };
}

export function sameFilter(a: ConversionInvitationFilter, b: ConversionInvitationFilter): boolean {
  return (
    a.typeCode === b.typeCode &&
    (a.areaPrefix ?? '') === (b.areaPrefix ?? '') &&
    a.carriers.length === b.carriers.length &&
    a.carriers.every((carrier) => b.carriers.includes(carrier))
  );
}

export function toggleCarrier(form: InvitationForm, carrier: InvitationCarrier): InvitationForm {
  const has = form.carriers.includes(carrier);
  return { ...form, carriers: has ? form.carriers.filter((c) => c !== carrier) : [...form.carriers, carrier] };
}

/** Who the invitation reaches, in one line per channel. */
export function previewLines(preview: ConversionInvitationPreview): string[] {
  return [
    `符合条件的证照 ${formatCount(preview.certificates)} 本，持证人 ${formatCount(preview.holders)} 人`,
    `短信 ${formatCount(preview.bySms)} 人 · 微信服务通知 ${formatCount(preview.byWechat)} 人 · 仅消息中心 ${formatCount(preview.inAppOnly)} 人`,
  ];
}

/** The confirm dialog's words: the count, the channels, and that it cannot be taken back. */
export function confirmText(filter: ConversionInvitationFilter, preview: ConversionInvitationPreview): string {
  const type = invitationTypeOptions.find((option) => option.value === filter.typeCode)?.label ?? filter.typeCode;
  const where = filter.areaPrefix ? `地区 ${filter.areaPrefix} ` : '本辖区';
  const carrierText = filter.carriers.map((c) => carriers[c].label).join('、');
  return `将向${where}持有${carrierText}「${type}」的 ${formatCount(preview.holders)} 人发送换领邀请（其中短信 ${formatCount(preview.bySms)} 条）。发送后不能撤回。`;
}

/** Runs still being written: the page asks again for their progress. */
export const runInProgress = (run: ConversionInvitationRun) => run.state === 'QUEUED' || run.state === 'RUNNING';

const runStateLabels: Record<ConversionInvitationRun['state'], string> = {
  QUEUED: '排队中',
  RUNNING: '写入中',
  DONE: '已完成',
  FAILED: '出错，稍后自动重试',
};

export interface RunView {
  id: string;
  title: string;
  state: string;
  /** 0–100 (the bar's width); DONE is 100 whatever the counts. */
  percent: number;
  progress: string;
  figures: string;
  when: string;
}

/** One invitation run as the page shows it: what, where, how far, what it queued. */
export function runView(run: ConversionInvitationRun): RunView {
  const type = invitationTypeOptions.find((option) => option.value === run.typeCode)?.label ?? run.typeCode;
  const total = run.total ?? run.previewCount;
  const percent = run.state === 'DONE' ? 100 : total > 0 ? Math.min(99, Math.floor((run.processed / total) * 100)) : 0;
  const carrierText = run.carriers.map((c) => carriers[c].label).join('、');
  return {
    id: run.id,
    title: `${type} · ${carrierText} · 地区 ${run.areaPrefix}`,
    state: runStateLabels[run.state],
    percent,
    progress: `已处理 ${formatCount(run.processed)} / ${formatCount(total)} 本证照（${percent}%）`,
    figures: `新加入提醒 ${formatCount(run.queued)} 条：短信 ${formatCount(run.sms)} · 微信 ${formatCount(run.wechat)}（本月已邀请过的不再重复）`,
    when: `${chinaTime(run.createdAt)} 发起${run.finishedAt ? `，${chinaTime(run.finishedAt)} 完成` : ''}`,
  };
}

/** `2026-12-03T10:04:05.000Z` → `12-03 18:04` (China time). */
function chinaTime(iso: string): string {
  const at = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${at.slice(5, 10)} ${at.slice(11, 16)}`;
}
