import type { CertificateSummary } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import {
  emptySelection,
  groupByOwner,
  initialSelection,
  isGroupFullySelected,
  toShareCandidate,
  toggleCandidate,
  toggleGroup,
} from './selection';

const base: CertificateSummary = {
  id: 'x',
  typeCode: 'D013',
  typeName: '道路运输证',
  numberMasked: '粤交运管穗字440100000001号',
  carrier: 'ELECTRONIC',
  status: 'VALID',
  validFrom: '2025-01-01',
  validUntil: '2029-01-01',
  issuingAuthority: '广州市交通运输局',
  plateNumber: null,
  activated: true,
  operatorName: null,
  operatorRole: null,
};
const operator = { operatorName: '广州顺达物流有限公司', operatorRole: 'LEGAL_REPRESENTATIVE' } as const;
const certificates: CertificateSummary[] = [
  { ...base, ...operator, id: 'licence', typeCode: 'D008', typeName: '道路运输经营许可证' },
  { ...base, ...operator, id: 'truck-1', plateNumber: '粤A3K7Q2' },
  { ...base, ...operator, id: 'truck-2', plateNumber: '粤AD12345', carrier: 'PAPER' },
  { ...base, ...operator, id: 'truck-replaced', plateNumber: '粤A8N5T1', status: 'REPLACED' },
  { ...base, ...operator, id: 'truck-expired', plateNumber: '粤A1R8W6', status: 'EXPIRED' },
  { ...base, id: 'own', typeCode: 'D071', typeName: '从业资格证', numberMasked: '4401**********3315' },
];
const groups = groupByOwner(certificates.map(toShareCandidate));
const operatorGroup = groups[1]!;
const candidate = (id: string) => groups.flatMap((group) => group.candidates).find((each) => each.id === id)!;

describe('choosing certificates to share', () => {
  it("groups by owner, the person's own first, and says why a certificate cannot be shared", () => {
    expect(groups.map((group) => group.label)).toEqual(['本人证照', '广州顺达物流有限公司']);
    expect(operatorGroup.candidates.map((each) => each.id)).toEqual([
      'licence',
      'truck-1',
      'truck-2',
      'truck-replaced',
      'truck-expired',
    ]);
    expect(candidate('truck-replaced').blockedReason).toBe('已换发的证照不能分享，请分享换发后的证照');
    expect(candidate('truck-1').blockedReason).toBeNull();
    // Not valid, but shareable: the recipient sees the status, and so does the person choosing.
    expect(candidate('truck-expired')).toMatchObject({
      blockedReason: null,
      meta: '已过期 · 粤交运管穗字440100000001号',
    });
    expect(candidate('truck-1').meta).toBe('粤交运管穗字440100000001号');
    const viewer = toShareCandidate({ ...base, operatorName: '某公司', operatorRole: 'VIEWER' });
    expect(viewer.blockedReason).toContain('查看人员');
  });

  it('ticks and unticks certificates of one owner', () => {
    let selection = toggleCandidate(emptySelection, candidate('licence'));
    selection = toggleCandidate(selection, candidate('truck-1'));
    expect(selection).toEqual({ ownerKey: '广州顺达物流有限公司', ids: ['licence', 'truck-1'] });
    selection = toggleCandidate(selection, candidate('licence'));
    expect(selection.ids).toEqual(['truck-1']);
    expect(toggleCandidate(selection, candidate('truck-1'))).toEqual(emptySelection);
  });

  it('starts over when a certificate of another owner is picked (one link, one holder)', () => {
    const operatorPicked = toggleCandidate(emptySelection, candidate('truck-1'));
    expect(toggleCandidate(operatorPicked, candidate('own'))).toEqual({ ownerKey: 'self', ids: ['own'] });
  });

  it('ignores a certificate that cannot be shared', () => {
    const selection = toggleCandidate(emptySelection, candidate('licence'));
    expect(toggleCandidate(selection, candidate('truck-replaced'))).toBe(selection);
  });

  it("selects all of an operator's shareable certificates, and clears them again", () => {
    const all = toggleGroup(emptySelection, operatorGroup);
    expect(all).toEqual({ ownerKey: '广州顺达物流有限公司', ids: ['licence', 'truck-1', 'truck-2', 'truck-expired'] });
    expect(isGroupFullySelected(all, operatorGroup)).toBe(true);
    expect(isGroupFullySelected(toggleCandidate(all, candidate('truck-2')), operatorGroup)).toBe(false);
    expect(toggleGroup(all, operatorGroup)).toEqual(emptySelection);
  });

  it('starts from the certificate or the operator the person came from', () => {
    expect(initialSelection(groups, { certificateId: 'own' })).toEqual({ ownerKey: 'self', ids: ['own'] });
    expect(initialSelection(groups, { operatorName: '广州顺达物流有限公司' }).ids).toEqual([
      'licence',
      'truck-1',
      'truck-2',
      'truck-expired',
    ]);
    expect(initialSelection(groups, { certificateId: 'truck-replaced' })).toEqual(emptySelection);
    expect(initialSelection(groups, {})).toEqual(emptySelection);
  });
});
