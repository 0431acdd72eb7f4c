import { normaliseCode } from './normalise';
import { fail, ok, type ValidationResult } from './result';

/**
 * 机动车号牌 of the civil series (GA 36-2018 as summarised in domain.md §8).
 * Embassy (使/领), military and armed-police series are out of scope: such
 * vehicles do not hold road-transport certificates.
 */

/** The 31 mainland province abbreviations that start a civil plate. */
export const plateProvinceAbbreviations = [
  '京',
  '津',
  '沪',
  '渝',
  '冀',
  '豫',
  '云',
  '辽',
  '黑',
  '湘',
  '皖',
  '鲁',
  '新',
  '苏',
  '浙',
  '赣',
  '鄂',
  '桂',
  '甘',
  '晋',
  '蒙',
  '陕',
  '吉',
  '闽',
  '贵',
  '粤',
  '青',
  '藏',
  '川',
  '宁',
  '琼',
] as const;
export type PlateProvinceAbbreviation = (typeof plateProvinceAbbreviations)[number];

/** Plate layouts we distinguish; 学/警/港/澳 plates count as ORDINARY. */
export type PlateKind = 'ORDINARY' | 'TRAILER' | 'NEW_ENERGY_SMALL' | 'NEW_ENERGY_LARGE';

/** Chinese labels for {@link PlateKind}. */
export const plateKindLabels: Record<PlateKind, string> = {
  ORDINARY: '普通号牌',
  TRAILER: '挂车号牌',
  NEW_ENERGY_SMALL: '小型新能源号牌',
  NEW_ENERGY_LARGE: '大型新能源号牌',
};

/** Power type encoded by a new-energy plate's energy letter. */
export type PlateEnergy = 'PURE_ELECTRIC' | 'NON_PURE_ELECTRIC';

/** A checked plate in canonical form. */
export interface PlateNumber {
  plate: string;
  kind: PlateKind;
  province: PlateProvinceAbbreviation;
  /** Only for new-energy plates. */
  energy?: PlateEnergy;
}

export type PlateNumberReason = 'EMPTY' | 'INVALID_PROVINCE' | 'INVALID_LENGTH' | 'INVALID_FORMAT';

/** Letters and digits without I and O, which plates never use. */
const SERIAL_CHAR = '[A-HJ-NP-Z0-9]';
const LETTER = '[A-HJ-NP-Z]';
const ORDINARY = new RegExp(`^${LETTER}${SERIAL_CHAR}{4}[A-HJ-NP-Z0-9挂学警港澳]$`);
/** Rest of an 8-char plate after the province: letter, energy letter, 5 chars. */
const NEW_ENERGY_SMALL = new RegExp(`^${LETTER}([A-HJK])${SERIAL_CHAR}\\d{4}$`);
const NEW_ENERGY_LARGE = new RegExp(`^${LETTER}\\d{5}([A-HJK])$`);
/** Separators people type or copy from printed plates (粤B·12345, 粤B-12345). */
const SEPARATORS = /[·•・‧.-]/g;
/**
 * GA 36-2018 only has D (纯电动) and F (非纯电动). Newer libraries accept A–K
 * (A–E electric, F–K not) for future number space; that basis is unconfirmed
 * (domain.md §8), so such plates pass with a warning.
 */
// Stryker disable next-line StringLiteral: message text
const LENIENT_ENERGY_WARNING = '新能源号牌能源标识通常为D（纯电动）或F（非纯电动），请核对号牌';

/** Canonical plate: half-width, upper case, no spaces or middle dots. */
export function normalisePlateNumber(input: string): string {
  return normaliseCode(input).replace(SEPARATORS, '');
}

/** Validates a civil licence plate and tells which kind it is. */
export function validatePlateNumber(input: string): ValidationResult<PlateNumber, PlateNumberReason> {
  const plate = normalisePlateNumber(input);
  if (plate === '') return fail('EMPTY', '请输入车辆号牌');
  const chars = Array.from(plate);
  const province = plateProvinceAbbreviations.find((p) => p === chars[0]);
  if (province === undefined) return fail('INVALID_PROVINCE', '车牌首字应为省、自治区、直辖市简称，如“粤”');
  const rest = chars.slice(1).join('');
  if (chars.length === 7) return checkOrdinary(plate, province, rest);
  if (chars.length === 8) return checkNewEnergy(plate, province, rest);
  return fail('INVALID_LENGTH', '车牌号码应为7位（普通号牌）或8位（新能源号牌）');
}

function checkOrdinary(
  plate: string,
  province: PlateProvinceAbbreviation,
  rest: string,
): ValidationResult<PlateNumber, PlateNumberReason> {
  if (!ORDINARY.test(rest)) return fail('INVALID_FORMAT', '车牌号码格式不正确，请核对（号牌中不使用字母I和O）');
  return ok({ plate, province, kind: plate.endsWith('挂') ? 'TRAILER' : 'ORDINARY' });
}

function checkNewEnergy(
  plate: string,
  province: PlateProvinceAbbreviation,
  rest: string,
): ValidationResult<PlateNumber, PlateNumberReason> {
  const small = NEW_ENERGY_SMALL.exec(rest);
  const energyLetter = (small ?? NEW_ENERGY_LARGE.exec(rest))?.[1];
  if (energyLetter === undefined) return fail('INVALID_FORMAT', '新能源车牌号码格式不正确，请核对');
  const kind: PlateKind = small !== null ? 'NEW_ENERGY_SMALL' : 'NEW_ENERGY_LARGE';
  const warnings = energyLetter === 'D' || energyLetter === 'F' ? [] : [LENIENT_ENERGY_WARNING];
  return ok({ plate, province, kind, energy: energyLetter <= 'E' ? 'PURE_ELECTRIC' : 'NON_PURE_ELECTRIC' }, warnings);
}
