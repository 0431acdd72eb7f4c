import { plateProvinceAbbreviations } from '../validators/plate-number';
import type { NumberFormat } from './types';

/**
 * Certificate number formats (domain.md §4.3). Real data is inconsistent:
 * some systems store the printed form, others only the digits, and both 11-
 * and 12-digit numbers occur. The patterns are loose on purpose; they catch
 * rubbish, not style.
 */

const PROVINCE = `[${plateProvinceAbbreviations.join('')}]`;
/** A city abbreviation such as 穗; absent when only the digits are stored. */
const CITY = '[\\u4e00-\\u9fa5]{0,6}';

/** 经营许可证号: 粤交运管许可穗字440100151081号, or just the digits. */
export const operatingLicenceNumberFormat: NumberFormat = {
  pattern: new RegExp(`^(?:${PROVINCE}交运管许可${CITY}字)?\\d{6,15}号?$`),
  description: '如“粤交运管许可穗字440100151081号”，也可只填数字部分',
  examples: ['粤交运管许可穗字440100151081号', '440100151081'],
};

/** 道路运输证号: 粤交运管穗字440100165715号, or just the digits. */
export const transportCertificateNumberFormat: NumberFormat = {
  pattern: new RegExp(`^(?:${PROVINCE}交运管${CITY}字)?\\d{8,15}号?$`),
  description: '如“粤交运管穗字440100165715号”，也可只填数字部分',
  examples: ['粤交运管穗字440100165715号', '530402013190', '14088215808'],
};

/**
 * 从业资格证号: today usually the holder's ID number; older certificates used
 * area code + 专业 + 等级 + 变更码 + 年码 + serial. The official rule is
 * unconfirmed, so any 8–20 digits/letters pass.
 */
export const qualificationNumberFormat: NumberFormat = {
  pattern: /^[0-9A-Z]{8,20}$/,
  description: '通常与身份证号码相同',
  examples: ['441827197312188910'],
};

/** For types whose number format we have no source for at all. */
export const unknownNumberFormat: NumberFormat = {
  pattern: /^[\u4e00-\u9fa50-9A-Z()（）-]{4,40}$/,
  description: '请按证件上的编号填写',
  examples: ['粤交运管许可穗字440100151081号', 'WYC440100001'],
};
