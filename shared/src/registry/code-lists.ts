import { plateColours } from '../domain/codes';

/** Code lists that certificate fields draw their values from. */
export type CodeListId = 'businessScope' | 'plateColour' | 'economicType' | 'vehicleType' | 'branchFlag' | 'sex';

/** A code list: where it comes from and, when bundled, its values. */
export interface CodeListDefinition {
  name: string;
  source: string;
  /**
   * Code → label. Null when the list is not bundled (too large or not yet
   * obtained), in which case only its format can be checked.
   */
  values: Readonly<Record<string, string>> | null;
  /** For a list that is not bundled: the shape every code has, so at least that is checked. */
  pattern?: RegExp;
  patternDescription?: string;
}

/**
 * 经营范围 codes from domain.md §3 (JT/T 415 style, taken from platform code).
 * For 040–100 only the group codes are named there; their sub-codes (041–044,
 * 051–053, …) are left out until a source names them.
 */
const businessScopes = {
  '010': '道路旅客运输',
  '011': '班车客运',
  '012': '包车客运',
  '013': '定线旅游',
  '014': '非定线旅游',
  '020': '道路货物运输',
  '021': '道路普通货物运输',
  '022': '货物专用运输',
  '023': '大型物件运输',
  '030': '道路危险货物运输',
  '031': '营运性危险货物运输',
  '032': '非经营性危险货物运输',
  '040': '机动车维修',
  '050': '机动车驾驶员培训',
  '060': '道路运输站（场）',
  '070': '国际道路运输',
  '080': '城市公共交通',
  '090': '出租汽车',
  '100': '汽车租赁',
} as const;

/** Every code list a registry field may reference. */
export const codeLists: Readonly<Record<CodeListId, CodeListDefinition>> = {
  businessScope: { name: '经营范围', source: 'JT/T 415（省级平台代码）', values: businessScopes },
  plateColour: { name: '车牌颜色', source: 'JT/T 415 §5.4.12', values: plateColours },
  // GB/T 12402 has a few dozen codes but none were collected in domain.md.
  economicType: {
    name: '经济类型',
    source: 'GB/T 12402',
    values: null,
    pattern: /^\d{3}$/,
    patternDescription: '3位数字',
  },
  // GA/T 16.4 has hundreds of codes (K11 大型普通客车, H11 重型普通货车, …).
  vehicleType: {
    name: '车辆类型',
    source: 'GA/T 16.4',
    values: null,
    pattern: /^[A-Z]\d{2}$/,
    patternDescription: '1位字母加2位数字，如H11',
  },
  branchFlag: { name: '分支机构标识', source: 'JT/T 1291 §6.3.2.5.3', values: { '1': '企业法人', '2': '分支机构' } },
  sex: { name: '性别', source: 'GB/T 2261.1', values: { '1': '男', '2': '女' } },
};
