import { normaliseCode } from './normalise';
import { fail, ok, type ValidationResult } from './result';

/**
 * GB/T 2260 province-level prefixes (the first two digits of an area code),
 * including 71 台湾, 81 香港 and 82 澳门.
 *
 * Only the province level is bundled: the full county list (~3,000 codes) is
 * revised most years and would bloat the mini-program bundle, so checking a
 * code down to the county is out of scope here and left to the server if needed.
 */
export const areaProvinceNames = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
} as const;

/** A two-digit GB/T 2260 province prefix. */
export type AreaProvincePrefix = keyof typeof areaProvinceNames;

/** Administrative level implied by the trailing zeros of a 6-digit code. */
export type AreaLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

/** A checked area code. */
export interface AreaCode {
  code: string;
  provincePrefix: AreaProvincePrefix;
  provinceName: string;
  level: AreaLevel;
}

export type AreaCodeReason = 'EMPTY' | 'INVALID_FORMAT' | 'UNKNOWN_PROVINCE';

/** Type guard for a known two-digit province prefix. */
export function isAreaProvincePrefix(prefix: string): prefix is AreaProvincePrefix {
  // Not Object.hasOwn: older mini-program runtimes lack it.
  return Object.prototype.hasOwnProperty.call(areaProvinceNames, prefix);
}

/** Checks a 6-digit GB/T 2260 code: digits only and a known province prefix. */
export function validateAreaCode(input: string): ValidationResult<AreaCode, AreaCodeReason> {
  const code = normaliseCode(input);
  if (code === '') return fail('EMPTY', '请输入行政区划代码');
  if (!/^\d{6}$/.test(code)) return fail('INVALID_FORMAT', '行政区划代码应为6位数字');
  const prefix = code.slice(0, 2);
  if (!isAreaProvincePrefix(prefix)) return fail('UNKNOWN_PROVINCE', `行政区划代码前两位“${prefix}”不是有效的省级代码`);
  return ok({ code, provincePrefix: prefix, provinceName: areaProvinceNames[prefix], level: areaLevel(code) });
}

function areaLevel(code: string): AreaLevel {
  if (code.endsWith('0000')) return 'PROVINCE';
  return code.endsWith('00') ? 'CITY' : 'COUNTY';
}
