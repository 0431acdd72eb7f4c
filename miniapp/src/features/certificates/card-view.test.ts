import type { CertificateSummary } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { activationState, sortForDisplay, toCertificateCardView } from './card-view';

function certificate(overrides: Partial<CertificateSummary> = {}): CertificateSummary {
  return {
    id: 'c1',
    typeCode: 'D071',
    typeName: '道路运输从业人员从业资格证',
    numberMasked: '4401**********8910',
    carrier: 'ELECTRONIC',
    status: 'VALID',
    validFrom: '2021-05-01',
    validUntil: '2027-04-30',
    issuingAuthority: '广州市交通运输局',
    plateNumber: null,
    activated: true,
    ...overrides,
  };
}

describe('toCertificateCardView', () => {
  it('turns a personal certificate into display text', () => {
    expect(toCertificateCardView(certificate())).toEqual({
      id: 'c1',
      title: '道路运输从业人员从业资格证',
      numberMasked: '4401**********8910',
      carrierLabel: '电子证照',
      status: expect.objectContaining({ label: '有效', tone: 'valid' }),
      validity: '有效期至 2027年04月30日',
      issuingAuthority: '广州市交通运输局',
      plateNumber: null,
      operator: null,
      activation: 'activated',
    });
  });

  it('shows the plate of a vehicle certificate and its carrier label', () => {
    const card = toCertificateCardView(
      certificate({
        typeName: '道路运输证',
        carrier: 'IC_CARD',
        plateNumber: '粤A12345',
        numberMasked: '440100123456',
      }),
    );
    expect(card.plateNumber).toBe('粤A12345');
    expect(card.carrierLabel).toBe('IC卡证');
  });

  it('drops a blank plate rather than showing an empty row', () => {
    expect(toCertificateCardView(certificate({ plateNumber: '  ' })).plateNumber).toBeNull();
  });

  it('shows 长期 for a certificate without an end date, and the words of a non-valid status', () => {
    const card = toCertificateCardView(certificate({ validUntil: null, status: 'EXPIRED', carrier: 'PAPER' }));
    expect(card.validity).toBe('长期有效');
    expect(card.status).toMatchObject({ label: '已过期', tone: 'invalid' });
    expect(card.carrierLabel).toBe('纸质证');
  });
});

describe('sortForDisplay', () => {
  it('puts valid certificates first and keeps the order within each group', () => {
    const cards = [
      toCertificateCardView(certificate({ id: 'expired', status: 'EXPIRED' })),
      toCertificateCardView(certificate({ id: 'valid-1' })),
      toCertificateCardView(certificate({ id: 'revoked', status: 'REVOKED' })),
      toCertificateCardView(certificate({ id: 'valid-2' })),
    ];
    expect(sortForDisplay(cards).map((card) => card.id)).toEqual(['valid-1', 'valid-2', 'expired', 'revoked']);
  });
});

describe('activationState', () => {
  it('offers 激活 only for a valid electronic certificate that is not activated yet', () => {
    expect(activationState(certificate({ carrier: 'ELECTRONIC', activated: false }))).toBe('activatable');
  });

  it('shows 已激活 for an activated electronic certificate, whatever its status', () => {
    expect(activationState(certificate({ carrier: 'ELECTRONIC', activated: true }))).toBe('activated');
    expect(activationState(certificate({ carrier: 'ELECTRONIC', activated: true, status: 'EXPIRED' }))).toBe(
      'activated',
    );
  });

  it('has nothing to activate on paper or IC cards, or on an electronic certificate that is not valid', () => {
    expect(activationState(certificate({ carrier: 'PAPER', activated: false }))).toBe('none');
    expect(activationState(certificate({ carrier: 'IC_CARD', activated: false }))).toBe('none');
    expect(activationState(certificate({ carrier: 'ELECTRONIC', activated: false, status: 'REVOKED' }))).toBe('none');
  });

  it('treats a certificate past its end date as not activatable even before its status catches up', () => {
    const lapsed = certificate({ carrier: 'ELECTRONIC', activated: false, validUntil: '2026-11-26' });
    expect(activationState(lapsed, '2026-11-27')).toBe('none');
    expect(activationState(lapsed, '2026-11-26')).toBe('activatable');
  });

  it("lets an operator's 查看人员 see, but not activate, its certificates", () => {
    expect(activationState(certificate({ carrier: 'ELECTRONIC', activated: false, operatorRole: 'VIEWER' }))).toBe(
      'view-only',
    );
    expect(activationState(certificate({ carrier: 'ELECTRONIC', activated: false, operatorRole: 'MANAGER' }))).toBe(
      'activatable',
    );
  });

  it('names the operator and the role for staff', () => {
    const card = toCertificateCardView(certificate({ operatorName: '广州顺达物流有限公司', operatorRole: 'MANAGER' }));
    expect(card.operator).toBe('广州顺达物流有限公司 · 经办人（可办理）');
  });

  it('shows a 随车人员 the vehicle certificate as presentable but not activatable', () => {
    const card = toCertificateCardView(
      certificate({
        carrier: 'ELECTRONIC',
        activated: false,
        operatorName: '广州顺达物流有限公司',
        operatorRole: 'DRIVER',
      }),
    );
    expect(card.operator).toBe('广州顺达物流有限公司 · 随车人员（可亮证）');
    expect(card.activation).toBe('view-only');
  });
});
