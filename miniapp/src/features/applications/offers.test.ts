import { describe, expect, it } from 'vitest';
import { applicationOffers } from './offers';

const TODAY = '2026-11-27';
const kinds = (summary: ReturnType<typeof applicationOffers>) => summary.offers.map((offer) => offer.kind);
const paper = { typeCode: 'D071', carrier: 'PAPER', status: 'VALID', validUntil: '2028-11-01' } as const;

describe('applicationOffers', () => {
  it('offers a valid paper 从业资格证 换领电子证照 first (filled), then 补发/换发/变更', () => {
    const summary = applicationOffers(paper, TODAY);
    expect(kinds(summary)).toEqual(['CONVERSION', 'REISSUE', 'REPLACEMENT', 'CHANGE']);
    expect(summary.offers[0]).toMatchObject({ label: '换领电子证照', primary: true });
    expect(summary.offers.slice(1).every((offer) => !offer.primary)).toBe(true);
    expect(summary.note).toContain('继续有效');
  });

  it('offers an IC-card certificate the conversion and 补发 too, an electronic one neither (never lost)', () => {
    expect(kinds(applicationOffers({ ...paper, carrier: 'IC_CARD' }, TODAY))).toEqual([
      'CONVERSION',
      'REISSUE',
      'REPLACEMENT',
      'CHANGE',
    ]);
    const electronic = applicationOffers({ ...paper, carrier: 'ELECTRONIC' }, TODAY);
    expect(kinds(electronic)).toEqual(['REPLACEMENT', 'CHANGE']);
    expect(electronic.note).toBeNull();
  });

  it('adds 延续 within the renewal window (30 days for 从业资格证), not before', () => {
    expect(kinds(applicationOffers({ ...paper, carrier: 'ELECTRONIC', validUntil: '2026-12-27' }, TODAY))).toContain(
      'RENEWAL',
    );
    expect(
      kinds(applicationOffers({ ...paper, carrier: 'ELECTRONIC', validUntil: '2026-12-28' }, TODAY)),
    ).not.toContain('RENEWAL');
    // Paper near expiry: 换领 stays the filled button, 延续 is offered beside it.
    const paperNear = applicationOffers({ ...paper, validUntil: '2026-12-10' }, TODAY);
    expect(kinds(paperNear)).toEqual(['CONVERSION', 'RENEWAL', 'REISSUE', 'REPLACEMENT', 'CHANGE']);
    expect(paperNear.offers.find((offer) => offer.kind === 'RENEWAL')?.primary).toBe(false);
  });

  it('offers only 延续 once expired, with the last day to apply (expiry + 180 days)', () => {
    const summary = applicationOffers({ ...paper, status: 'EXPIRED', validUntil: '2026-10-01' }, TODAY);
    expect(kinds(summary)).toEqual(['RENEWAL']);
    expect(summary.offers[0]?.primary).toBe(true);
    expect(summary.note).toContain('2027年03月30日前申请延续');
  });

  it('treats a VALID certificate past its end date as expired (status not yet swept)', () => {
    expect(kinds(applicationOffers({ ...paper, validUntil: '2026-11-26' }, TODAY))).toEqual(['RENEWAL']);
  });

  it('offers a 从业资格证 more than 180 days past expiry only 重新申领, and says why', () => {
    const lapsed = applicationOffers({ ...paper, status: 'EXPIRED', validUntil: '2026-05-29' }, TODAY); // 182 days
    expect(kinds(lapsed)).toEqual(['INITIAL']);
    expect(lapsed.offers[0]?.label).toBe('重新申领');
    expect(lapsed.note).toContain('超过180天未延续');
    // Exactly 180 days: still 延续.
    expect(kinds(applicationOffers({ ...paper, status: 'EXPIRED', validUntil: '2026-05-31' }, TODAY))).toEqual([
      'RENEWAL',
    ]);
  });

  it('keeps 延续 for a long-expired non-RE certificate (no lapse rule)', () => {
    expect(
      kinds(
        applicationOffers({ typeCode: 'D013', carrier: 'PAPER', status: 'EXPIRED', validUntil: '2025-01-01' }, TODAY),
      ),
    ).toEqual(['RENEWAL']);
  });

  it('offers nothing on a replaced, cancelled or revoked certificate, or to a 查看人员, and says why', () => {
    const replaced = applicationOffers({ ...paper, status: 'REPLACED' }, TODAY);
    expect(replaced.offers).toEqual([]);
    expect(replaced.note).toContain('已换发');
    const revoked = applicationOffers({ ...paper, status: 'REVOKED' }, TODAY);
    expect(revoked.offers).toEqual([]);
    expect(revoked.note).toContain('已吊销');
    const viewer = applicationOffers(
      { typeCode: 'D013', carrier: 'PAPER', status: 'VALID', validUntil: '2028-01-01', operatorRole: 'VIEWER' },
      TODAY,
    );
    expect(viewer.offers).toEqual([]);
    expect(viewer.note).toContain('查看人员');
  });

  it('offers nothing for an unknown type', () => {
    expect(applicationOffers({ ...paper, typeCode: 'X999' }, TODAY)).toEqual({ offers: [], note: null });
  });
});
