import { buildCertificateIdentifier } from '../validators/certificate-identifier';
import { citizenIdCheckChar } from '../validators/citizen-id';
import { organizationCodeCheckChar } from '../validators/organization-code';
import { socialCreditCheckChar } from '../validators/social-credit-code';
import type { ComplianceSubject, OperatorLicenceFacts } from './types';

/**
 * Test subjects modelled on the demo data (server/src/seed): one clean certificate of each of
 * the nine types, plus 刘洋 (从业资格证 without 准驾车型) and 赵磊 (客运 qualification with a
 * B2 licence). Every base subject passes every rule on {@link TODAY}.
 */

export const TODAY = '2026-06-01';

export const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);
export const creditCode = (prefix8: string, orgBody8: string) => {
  const first17 = prefix8 + orgBody8 + organizationCodeCheckChar(orgBody8);
  return first17 + socialCreditCheckChar(first17);
};

export const guangzhou = { name: '广州市交通运输局', code: creditCode('11440100', '00695581'), area: '440100' };
export const shenzhen = { name: '深圳市交通运输局', code: creditCode('11440300', '00755066'), area: '440300' };

export const ids = {
  wangQiang: citizenId('44010519780101353'),
  chenJing: citizenId('44010619920418204'),
  liuYang: citizenId('44011119880909131'),
  zhaoLei: citizenId('44030619830520371'),
};
export const operatorCode = creditCode('91440101', 'MA5CXT3K');
export const LICENCE_NO = '粤交运管许可穗字440100151081号';

export function identifierFor(typeCode: string, issuerCode = guangzhou.code, serial = '2026001'): string {
  return buildCertificateIdentifier({ typeCode: `11100000000019713${typeCode}`, issuerCode, serial, version: 1 });
}

/** Record metadata of an electronic certificate issued by Guangzhou on 2025-12-01. */
function record(typeCode: string, number: string, years: number) {
  return {
    typeCode,
    carrier: 'ELECTRONIC',
    status: 'VALID',
    number,
    identifier: identifierFor(typeCode),
    signaturePresent: true,
    issuedOn: '2025-12-01',
    validFrom: '2025-12-01',
    validUntil: `${2025 + years}-11-30`,
    issuingAuthority: guangzhou.name,
    issuingAuthorityCode: guangzhou.code,
    areaCode: guangzhou.area,
  } as const;
}

const portrait = { accepted: true, widthPx: 358, heightPx: 441 } as const;

/** 王强: 货运驾驶员, electronic 从业资格证, B2. */
export const d071 = (): ComplianceSubject => ({
  ...record('D071', ids.wangQiang, 6),
  extension: { qualificationCategories: ['02001'], licenceClasses: 'B2', firstIssuedDate: '2001-08-15', sex: '1' },
  holder: { id: 'p-wang', kind: 'PERSON', name: '王强', idNumber: ids.wangQiang },
  portrait,
});

export const d075 = (): ComplianceSubject => ({
  ...record('D075', ids.chenJing, 6),
  extension: {
    qualificationCategories: ['09002'],
    licenceClasses: 'C1',
    firstIssuedDate: '2014-06-11',
    serviceCompany: '广州市白云出租汽车公司',
    serviceArea: '广州市',
  },
  holder: { id: 'p-chen', kind: 'PERSON', name: '陈静', idNumber: ids.chenJing },
  portrait,
});

/** 陈静: 网约车驾驶员. */
export const d072 = (): ComplianceSubject => ({
  ...record('D072', ids.chenJing, 6),
  extension: {
    qualificationCategories: ['09003'],
    licenceClasses: 'C1',
    firstIssuedDate: '2014-06-11',
    serviceArea: '广州市',
  },
  holder: { id: 'p-chen', kind: 'PERSON', name: '陈静', idNumber: ids.chenJing },
  portrait,
});

const operator = {
  id: 'op-1',
  kind: 'OPERATOR',
  name: '广州顺达物流有限公司',
  creditCode: operatorCode,
  businessStatus: '1',
} as const;
const operatorFields = {
  address: '广东省广州市白云区太和镇物流园路8号',
  economicType: '159',
  legalRepresentative: '黄建国',
};

/** 广州顺达物流: 道路运输经营许可证, 普通货运 + 货物专用运输. */
export const d008 = (): ComplianceSubject => ({
  ...record('D008', LICENCE_NO, 4),
  extension: { businessScope: ['021', '022'], ...operatorFields, branchFlag: '1' },
  holder: operator,
});

export const d016 = (): ComplianceSubject => ({
  ...record('D016', '粤交运管许可穗字440100151082号', 4),
  extension: { businessScope: ['031'], hazardousGoodsClasses: '第3类', ...operatorFields, branchFlag: '1' },
  holder: operator,
});

export const d074 = (): ComplianceSubject => ({
  ...record('D074', 'WYC440100001', 4),
  extension: { address: operatorFields.address, legalRepresentative: '黄建国', serviceArea: '广州市', branchFlag: '1' },
  holder: operator,
});

export const d079 = (): ComplianceSubject => ({
  ...record('D079', 'FS440100001', 4),
  extension: { businessScopeText: '放射性物品道路运输（第二类）', ...operatorFields },
  holder: operator,
});

export const validLicence = (over: Partial<OperatorLicenceFacts> = {}): OperatorLicenceFacts => ({
  typeCode: 'D008',
  number: LICENCE_NO,
  status: 'VALID',
  validFrom: '2025-01-01',
  validUntil: '2028-12-31',
  businessScope: ['021', '022'],
  ...over,
});

/** 粤A3K7Q2: a heavy goods vehicle of 广州顺达物流 with an electronic 道路运输证. */
export const d013 = (): ComplianceSubject => ({
  ...record('D013', '粤交运管穗字440100165716号', 4),
  extension: {
    plateNumber: '粤A3K7Q2',
    plateColour: '2',
    operatingLicenceNumber: LICENCE_NO,
    vehicleType: 'H11',
    capacity: '18吨',
    dimensions: '11980×2550×3980',
    businessScope: ['021'],
    economicType: '159',
    address: operatorFields.address,
    firstIssuedDate: '2025-03-01',
    reviewValidUntil: '2027-03-31',
  },
  holder: operator,
  vehicle: {
    id: 'v-1',
    operatorId: 'op-1',
    plateNumber: '粤A3K7Q2',
    plateColour: '2',
    vehicleTypeCode: 'H11',
    operatingStatus: '10',
  },
  operatorLicences: [validLicence()],
});

/** A small new-energy ride-hailing car (渐变绿 plate) of a 网约车 platform. */
export const d073 = (): ComplianceSubject => ({
  ...record('D073', 'WYCYS440100001', 4),
  extension: {
    plateNumber: '粤AD12345',
    plateColour: '94',
    operatingLicenceNumber: 'WYC440100001',
    vehicleType: 'K33',
    brandModel: '比亚迪秦',
    seats: '5',
    serviceArea: '广州市',
    firstIssuedDate: '2025-03-01',
  },
  holder: operator,
  vehicle: { id: 'v-2', operatorId: 'op-1', plateNumber: '粤AD12345', plateColour: '94', vehicleTypeCode: 'K33' },
  operatorLicences: [validLicence({ typeCode: 'D074', number: 'WYC440100001', businessScope: null })],
});

/** One clean subject per registry type. */
export const baseByType: Record<string, () => ComplianceSubject> = {
  D008: d008,
  D016: d016,
  D074: d074,
  D079: d079,
  D013: d013,
  D073: d073,
  D071: d071,
  D075: d075,
  D072: d072,
};

/**
 * 刘洋 (seed 'driver-missing-data'): paper 从业资格证, 货运, no 准驾车型 and no 初领日期.
 * Paper, so no identifier or signature; issued three years ago by Guangzhou.
 */
export const liuYang = (): ComplianceSubject => ({
  ...record('D071', ids.liuYang, 6),
  carrier: 'PAPER',
  identifier: null,
  signaturePresent: false,
  issuedOn: '2023-06-01',
  validFrom: '2023-06-01',
  validUntil: '2029-05-31',
  extension: { qualificationCategories: ['02001'] },
  holder: { id: 'p-liu', kind: 'PERSON', name: '刘洋', idNumber: ids.liuYang },
  portrait: null,
});

/** 赵磊 (seed 'driver-mismatch'): IC-card 从业资格证, 客运 (01001), but his licence is B2. */
export const zhaoLei = (): ComplianceSubject => ({
  ...record('D071', ids.zhaoLei, 6),
  carrier: 'IC_CARD',
  identifier: null,
  signaturePresent: false,
  issuedOn: '2024-12-01',
  validFrom: '2024-12-01',
  validUntil: '2030-11-30',
  issuingAuthority: shenzhen.name,
  issuingAuthorityCode: shenzhen.code,
  areaCode: shenzhen.area,
  extension: { qualificationCategories: ['01001'], licenceClasses: 'B2', firstIssuedDate: '2006-10-09' },
  holder: { id: 'p-zhao', kind: 'PERSON', name: '赵磊', idNumber: ids.zhaoLei },
  portrait,
});
