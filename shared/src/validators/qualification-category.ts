import { normaliseCode } from './normalise';
import { fail, ok, type ValidationResult } from './result';

/**
 * 从业资格类别代码 (JT/T 697.7-2014 §5.22) as listed in domain.md §3, which
 * took them from provincial platform code rather than the standard itself.
 * Where that list gives only a range with a group name (04, 05, 11, 12, 14),
 * every code in the range carries the group name and `detailConfirmed: false`
 * until the standard's per-code names are checked.
 */
export interface QualificationCategory {
  /** Five digits: 2-digit group + 3-digit sequence. */
  code: string;
  name: string;
  /** Name of the 2-digit group, e.g. 道路危险货物运输. */
  group: string;
  /** False when `name` is only the group name because the per-code name is unknown. */
  detailConfirmed: boolean;
}

const HAZARD_ROLES = ['驾驶员', '装卸管理人员', '押运人员', '专职安全管理人员'] as const;

/** The four roles repeated for each special hazardous-goods group (03005–03016). */
function hazardRoles(firstSequence: number, goods: string): QualificationCategory[] {
  return HAZARD_ROLES.map((role, i) =>
    confirmed(`030${pad2(firstSequence + i)}`, `${goods}道路运输${role}`, '道路危险货物运输'),
  );
}

/** Codes `${group}001`…`${group}${count}` known only by their group name. */
function groupOnly(group: string, count: number, name: string): QualificationCategory[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `${group}0${pad2(i + 1)}`,
    name,
    group: name,
    detailConfirmed: false,
  }));
}

function confirmed(code: string, name: string, group: string): QualificationCategory {
  return { code, name, group, detailConfirmed: true };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Every known category, in code order. */
export const qualificationCategories: readonly QualificationCategory[] = [
  confirmed('01001', '经营性道路旅客运输驾驶员', '道路旅客运输'),
  confirmed('02001', '经营性道路货物运输驾驶员', '道路货物运输'),
  ...HAZARD_ROLES.map((role, i) => confirmed(`0300${i + 1}`, `道路危险货物运输${role}`, '道路危险货物运输')),
  ...hazardRoles(5, '剧毒化学品'),
  ...hazardRoles(9, '爆炸品'),
  ...hazardRoles(13, '放射性物品'),
  ...groupOnly('04', 7, '机动车维修技术人员'),
  ...groupOnly('05', 7, '机动车驾驶培训教练员'),
  confirmed('09001', '出租汽车驾驶员', '出租汽车'),
  confirmed('09002', '巡游出租汽车驾驶员', '出租汽车'),
  confirmed('09003', '网络预约出租汽车驾驶员', '出租汽车'),
  ...groupOnly('11', 4, '道路运输经理人'),
  ...groupOnly('12', 11, '其他道路运输从业人员'),
  confirmed('13001', '城市公共汽电车驾驶员', '城市公共交通'),
  ...groupOnly('14', 3, '城市轨道交通从业人员'),
];

const byCode = new Map(qualificationCategories.map((c) => [c.code, c]));

/** Looks a category up by its 5-digit code. */
export function getQualificationCategory(code: string): QualificationCategory | undefined {
  return byCode.get(normaliseCode(code));
}

export type QualificationCategoryReason = 'EMPTY' | 'INVALID_FORMAT' | 'UNKNOWN_CATEGORY';

/** Validates a 从业资格类别代码 against the known list. */
export function validateQualificationCategory(
  input: string,
): ValidationResult<QualificationCategory, QualificationCategoryReason> {
  const code = normaliseCode(input);
  if (code === '') return fail('EMPTY', '请选择从业资格类别');
  if (!/^\d{5}$/.test(code)) return fail('INVALID_FORMAT', '从业资格类别代码应为5位数字');
  const category = byCode.get(code);
  if (category === undefined) return fail('UNKNOWN_CATEGORY', `从业资格类别代码“${code}”不在JT/T 697.7规定的范围内`);
  return ok(category);
}
