import { citizenIdCheckChar, socialCreditCheckChar, organizationCodeCheckChar } from '@roadcert/shared';

/** A citizen ID with a correct GB 11643 check character. */
export const citizenId = (first17: string) => first17 + citizenIdCheckChar(first17);

/** A USCC with correct organisation-code (GB 11714) and GB 32100 check characters. */
export const creditCode = (prefix8: string, orgBody8: string) => {
  const first17 = prefix8 + orgBody8 + organizationCodeCheckChar(orgBody8);
  return first17 + socialCreditCheckChar(first17);
};

/**
 * The people and companies of the demo data set, one per situation the product must
 * handle. Made up (valid check digits only); README.md "Demo identities" lists the people
 * to sign in as: their phone (SMS code from the console stand-in), then name + ID number.
 */
export const demoHolders = [
  {
    key: 'driver-paper',
    kind: 'PERSON',
    name: '张伟',
    identityCode: citizenId('44010619850312451'),
    phone: '13800138001',
    description: '货运驾驶员，持纸质从业资格证（待换发电子证）',
  },
  {
    key: 'driver-ic',
    kind: 'PERSON',
    name: '李娜',
    identityCode: citizenId('44030419900725262'),
    phone: '13800138002',
    description: '客运驾驶员，持IC卡从业资格证',
  },
  {
    key: 'driver-electronic',
    kind: 'PERSON',
    name: '王强',
    identityCode: citizenId('44010519780101353'),
    phone: '13800138003',
    description: '货运驾驶员，已换发并激活电子证照',
  },
  {
    key: 'driver-ride-hailing',
    kind: 'PERSON',
    name: '陈静',
    identityCode: citizenId('44010619920418204'),
    phone: '13800138004',
    description: '网约车驾驶员，电子证照未激活',
  },
  {
    key: 'driver-missing-data',
    kind: 'PERSON',
    name: '刘洋',
    identityCode: citizenId('44011119880909131'),
    phone: '13800138005',
    description: '从业资格证缺少准驾车型（待补传）',
  },
  {
    key: 'driver-mismatch',
    kind: 'PERSON',
    name: '赵磊',
    identityCode: citizenId('44030619830520371'),
    phone: '13800138006',
    description: '客运从业资格与驾驶证准驾车型不符',
  },
  {
    key: 'driver-lapsed',
    kind: 'PERSON',
    name: '孙丽',
    identityCode: citizenId('44010319750616242'),
    phone: '13800138007',
    description: '从业资格证过期超过180天',
  },
  {
    key: 'operator-legal-rep',
    kind: 'PERSON',
    name: '黄建国',
    identityCode: citizenId('44010419700315331'),
    phone: '13800138008',
    description: '广州顺达物流有限公司的法定代表人：实名认证后可激活业户并授权经办人',
  },
  {
    key: 'operator',
    kind: 'OPERATOR',
    name: '广州顺达物流有限公司',
    identityCode: creditCode('91440101', 'MA5CXT3K'),
    phone: '13900139000',
    description: '道路货运业户：经营许可证和5辆车的道路运输证',
  },
] as const satisfies readonly {
  key: string;
  kind: 'PERSON' | 'OPERATOR';
  name: string;
  identityCode: string;
  phone: string;
  description: string;
}[];

export type DemoHolder = (typeof demoHolders)[number];
