import type { PresentationFace } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { decodeToken, qrTextToToken } from '@roadcert/shared/presentation';
import { driverFace } from '../../test/presentation-face';
import { heldIntervals } from '../../test/presentation-material';
import type { StoredBatch } from './batch-store';
import { watermarkText, formatClock } from './clock';
import {
  CHECK_CLOCK,
  notValidReason,
  OFFLINE_NOTHING_KEPT,
  OFFLINE_USED_UP,
  toPresentationView,
  type PresentationInputs,
} from './presentation-view';

const T0 = new Date(2026, 10, 27, 10, 0, 0).getTime(); // local time: the screen shows local time
const face: PresentationFace = { ...driverFace, details: [{ label: '从业资格类别', value: '道路货物运输驾驶员' }] };

/** One interval of four 30-s windows from T0. */
const intervals = heldIntervals(T0, 1, 30, 4);
function stored(overrides: Partial<StoredBatch> = {}): StoredBatch {
  return {
    certificateId: 'c1',
    face,
    windowSeconds: 30,
    fetchedAt: T0,
    qrBaseUrl: 'https://x.example',
    intervals,
    refusedReason: null,
    ...overrides,
  };
}
/** The window (0–3) a shown QR belongs to. */
const windowOf = (qrText: string | null | undefined) => decodeToken(qrTextToToken(qrText!)).interval?.minute;

const inputs = (overrides: Partial<PresentationInputs> = {}): PresentationInputs => ({
  batch: stored(),
  now: T0 + 5_000,
  today: '2026-11-27',
  online: true,
  fetching: false,
  error: null,
  refusal: null,
  ...overrides,
});

describe('holder screen: what the QR area shows', () => {
  it('shows the current token in black with the countdown to the next', () => {
    const view = toPresentationView(inputs());
    expect(view.qr).toMatchObject({ kind: 'valid', secondsLeft: 25, countdown: '25秒后自动刷新' });
    expect(view.qr.kind === 'valid' && windowOf(view.qr.qrText)).toBe(0);
    expect(view.offline).toBe(false);
    expect(view.face?.holderNameMasked).toBe('王*');
  });

  it('keeps rotating offline from the kept batch and says until when', () => {
    const view = toPresentationView(inputs({ online: false, now: T0 + 65_000 }));
    expect(view.qr).toMatchObject({ kind: 'valid' });
    expect(view.qr.kind === 'valid' && windowOf(view.qr.qrText)).toBe(2);
    expect(view.offline).toBe(true);
    expect(view.coverage).toBe('离线可用至 11月27日 10:02');
  });

  it('turns red with the reason when the service refused new tokens, even offline', () => {
    const view = toPresentationView(inputs({ batch: stored({ refusedReason: '证照已吊销' }), online: false }));
    expect(view.qr).toMatchObject({ kind: 'invalid', reason: '证照已吊销' });
    expect(view.qr.kind === 'invalid' && windowOf(view.qr.qrText)).toBe(0);
  });

  it('turns red without a QR when the service refused and nothing is kept', () => {
    expect(toPresentationView(inputs({ batch: null, refusal: '该证照已注销，不能亮证' })).qr).toEqual({
      kind: 'invalid',
      qrText: null,
      reason: '该证照已注销，不能亮证',
    });
  });

  it('turns red from the face alone: a status other than valid, or past the validity end', () => {
    expect(
      toPresentationView(inputs({ batch: stored({ face: { ...face, status: 'SUSPENDED', statusLabel: '暂停' } }) })).qr,
    ).toMatchObject({
      kind: 'invalid',
      reason: '证照状态为「暂停」，不能作为有效证照出示',
    });
    expect(notValidReason({ ...face, validUntil: '2026-11-26' }, '2026-11-27')).toBe(
      '证照已超过有效期，不能作为有效证照出示',
    );
    expect(notValidReason({ ...face, validUntil: '2026-11-27' }, '2026-11-27')).toBeNull();
    expect(notValidReason({ ...face, validUntil: null }, '2040-01-01')).toBeNull();
  });

  it('explains an empty screen: nothing kept offline, used up, clock behind, or the service error', () => {
    expect(toPresentationView(inputs({ batch: null, online: false })).qr).toEqual({
      kind: 'unavailable',
      reason: OFFLINE_NOTHING_KEPT,
      retry: true,
    });
    expect(toPresentationView(inputs({ batch: null, fetching: true })).qr).toEqual({ kind: 'loading' });
    expect(toPresentationView(inputs({ batch: null, error: '系统繁忙' })).qr).toEqual({
      kind: 'unavailable',
      reason: '系统繁忙',
      retry: true,
    });
    expect(toPresentationView(inputs({ online: false, now: T0 + 200_000 })).qr).toEqual({
      kind: 'unavailable',
      reason: OFFLINE_USED_UP,
      retry: true,
    });
    expect(toPresentationView(inputs({ now: T0 - 10 * 60_000 })).qr).toEqual({
      kind: 'unavailable',
      reason: CHECK_CLOCK,
      retry: false,
    });
    // Online with the batch used up: the refill is on its way.
    expect(toPresentationView(inputs({ now: T0 + 200_000, fetching: true })).qr).toEqual({ kind: 'loading' });
    expect(toPresentationView(inputs({ now: T0 + 200_000 })).coverage).toBeNull();
  });
});

describe('clock and watermark', () => {
  it('ticks to the second in local time, and the watermark carries the masked name and the moment', () => {
    const at = new Date(2026, 10, 27, 8, 5, 9);
    expect(formatClock(at)).toBe('2026-11-27 08:05:09');
    expect(watermarkText('王*', at)).toBe('王* 11-27 08:05:09');
  });
});
