import { describe, expect, it } from 'vitest';
import { claimFaceRows, verifiedFaceRows } from './face-rows';

describe('certificate face for a verifier', () => {
  it('shows an anonymous viewer only the minimal masked face', () => {
    const rows = verifiedFaceRows({
      typeCode: 'D071',
      typeName: '道路运输从业人员从业资格证',
      holderNameMasked: '王*',
      numberMasked: '4401**********3532',
      validUntil: '2030-01-01',
      status: 'VALID',
      statusLabel: '有效',
    });
    expect(rows).toEqual([
      { label: '证照', value: '道路运输从业人员从业资格证' },
      { label: '持证人', value: '王*' },
      { label: '证号', value: '4401**********3532' },
      { label: '状态', value: '有效' },
      { label: '有效期至', value: '2030年01月01日' },
    ]);
  });

  it('shows staff the wider view the service returned (full name, details, authority)', () => {
    const rows = verifiedFaceRows({
      typeCode: 'D071',
      typeName: '道路运输从业人员从业资格证',
      holderNameMasked: '王*',
      holderName: '王强',
      numberMasked: '4401**********3532',
      validFrom: '2024-01-01',
      validUntil: '2030-01-01',
      status: 'VALID',
      statusLabel: '有效',
      issuingAuthority: '广州市交通运输局',
      details: [{ label: '从业资格类别', value: '道路货物运输驾驶员' }],
    });
    expect(rows).toContainEqual({ label: '持证人', value: '王强' });
    expect(rows).toContainEqual({ label: '从业资格类别', value: '道路货物运输驾驶员' });
    expect(rows).toContainEqual({ label: '有效期', value: '2024-01-01 至 2030-01-01' });
    expect(rows).toContainEqual({ label: '发证机关', value: '广州市交通运输局' });
  });

  it('names the type from the registry for an offline check', () => {
    expect(
      claimFaceRows({ typeCode: 'D071', holderNameMasked: '王*', numberMasked: '4401**3532', validUntil: null })[0],
    ).toEqual({ label: '证照', value: expect.stringContaining('从业资格证') });
    expect(
      claimFaceRows({ typeCode: 'D071', holderNameMasked: '王*', numberMasked: 'x', validUntil: null })[3],
    ).toEqual({ label: '有效期', value: '长期有效' });
  });
});
