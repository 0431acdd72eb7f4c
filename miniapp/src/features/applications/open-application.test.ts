import type { ApplicationSummary } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { openApplicationFor } from './open-application';

const summary = (
  id: string,
  baseCertificateId: string | null,
  state: ApplicationSummary['state'],
): ApplicationSummary => ({
  id,
  typeCode: 'D071',
  typeName: '道路运输从业人员从业资格证',
  kind: 'CONVERSION',
  kindLabel: '纸质/IC卡证换领电子证',
  state,
  stateLabel: state,
  baseCertificateId,
  issuedCertificateId: null,
  areaCode: '440100',
  createdAt: '2026-11-27T08:00:00.000Z',
  submittedAt: null,
  decidedAt: null,
});

describe('openApplicationFor', () => {
  it('finds the application still open on the certificate, ignoring closed ones and other certificates', () => {
    const list = [
      summary('a', 'cert-1', 'REJECTED'),
      summary('b', 'cert-2', 'SUBMITTED'),
      summary('c', 'cert-1', 'RETURNED'),
    ];
    expect(openApplicationFor(list, 'cert-1')?.id).toBe('c');
    expect(openApplicationFor([summary('d', 'cert-1', 'ISSUED')], 'cert-1')).toBeNull();
    expect(openApplicationFor([], 'cert-1')).toBeNull();
  });
});
