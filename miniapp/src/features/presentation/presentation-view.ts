import type { PresentationFace } from '@roadcert/shared';
import type { StoredBatch } from './batch-store';
import { formatUntil } from './clock';
import { coverageEnd, currentToken, secondsUntilChange } from './rotation';

/** What the QR area shows. */
export type QrState =
  | { kind: 'loading' }
  /** A live QR, black, with the seconds until it changes. */
  | { kind: 'valid'; qrText: string; secondsLeft: number; countdown: string }
  /** The certificate may not be relied on: the QR (if any is left) in red, with the reason. */
  | { kind: 'invalid'; qrText: string | null; reason: string }
  /** No QR to show right now, and why; `retry` when fetching again may help. */
  | { kind: 'unavailable'; reason: string; retry: boolean };

export interface PresentationView {
  face: PresentationFace | null;
  qr: QrState;
  /** No network (or the last fetch could not reach the service): the screen says 离线. */
  offline: boolean;
  /** '离线可用至 11月28日 18:47' while material is kept on the device. */
  coverage: string | null;
  /** Seconds each QR lasts (null before the first batch). */
  windowSeconds: number | null;
}

export interface PresentationInputs {
  batch: StoredBatch | null;
  now: number;
  /** The device's date as YYYY-MM-DD, to compare with the validity end as text. */
  today: string;
  online: boolean;
  /** A fetch is running. */
  fetching: boolean;
  /** The last fetch failed for another reason than the network (message to show when nothing is kept). */
  error: string | null;
  /** The service refused tokens (NOT_PRESENTABLE) and nothing was kept: its reason. */
  refusal: string | null;
}

/** Material further ahead than this means the phone's clock is behind, not that it is coming. */
const CLOCK_BEHIND_MS = 2 * 60_000;

export const OFFLINE_NOTHING_KEPT = '当前没有网络，本机也没有可用的离线二维码，请联网后重试';
export const OFFLINE_USED_UP = '离线二维码已用完，请联网后刷新';
export const CHECK_CLOCK = '手机时间可能不准，请检查手机时间后重试';

/** Why the certificate must not be shown as valid, from the face alone (works offline). */
export function notValidReason(face: PresentationFace, today: string): string | null {
  if (face.status !== 'VALID') return `证照状态为「${face.statusLabel}」，不能作为有效证照出示`;
  if (face.validUntil !== null && face.validUntil < today) return '证照已超过有效期，不能作为有效证照出示';
  return null;
}

function countdownLabel(seconds: number): string {
  return `${seconds}秒后自动刷新`;
}

function qrState(input: PresentationInputs): QrState {
  const { batch, now } = input;
  if (!batch) {
    if (input.refusal) return { kind: 'invalid', qrText: null, reason: input.refusal };
    if (input.fetching) return { kind: 'loading' };
    if (input.error) return { kind: 'unavailable', reason: input.error, retry: true };
    return input.online ? { kind: 'loading' } : { kind: 'unavailable', reason: OFFLINE_NOTHING_KEPT, retry: true };
  }

  const token = currentToken(batch.qrBaseUrl, batch.intervals, now);
  const refused = batch.refusedReason ?? notValidReason(batch.face, input.today);
  if (refused) return { kind: 'invalid', qrText: token?.qrText ?? null, reason: refused };

  if (token) {
    const secondsLeft = secondsUntilChange(token, now);
    return { kind: 'valid', qrText: token.qrText, secondsLeft, countdown: countdownLabel(secondsLeft) };
  }
  const earliest = batch.intervals[0];
  if (earliest && earliest.start - now > CLOCK_BEHIND_MS)
    return { kind: 'unavailable', reason: CHECK_CLOCK, retry: false };
  if (input.online && (input.fetching || input.error === null)) return { kind: 'loading' };
  return { kind: 'unavailable', reason: input.online && input.error ? input.error : OFFLINE_USED_UP, retry: true };
}

export function toPresentationView(input: PresentationInputs): PresentationView {
  const end = input.batch ? coverageEnd(input.batch.intervals) : null;
  const offline = !input.online;
  return {
    face: input.batch?.face ?? null,
    qr: qrState(input),
    offline,
    coverage: end !== null && end > input.now ? `离线可用至 ${formatUntil(end)}` : null,
    windowSeconds: input.batch?.windowSeconds ?? null,
  };
}
