import type { PresentationFace } from '@roadcert/shared';

/** 王强's activated electronic 从业资格证 as the holder screen receives it (tests of the presentation feature). */
export const driverFace: PresentationFace = {
  certificateId: 'c1',
  typeCode: 'D071',
  typeName: '道路运输从业人员从业资格证',
  holderName: '王强',
  holderNameMasked: '王*',
  numberMasked: '4401**********3532',
  carrier: 'ELECTRONIC',
  status: 'VALID',
  statusLabel: '有效',
  validFrom: '2024-01-01',
  validUntil: '2030-01-01',
  issuingAuthority: '广州市交通运输局',
  plateNumber: null,
  details: [],
  photoUrl: null,
};
