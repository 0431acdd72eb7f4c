import { completedYears, isIsoDate, type IsoDate } from './dates';
import { licenceCovers, parseLicenceClasses, type LicenceClass } from './licence-class';
import { validateQualificationCategory, type QualificationCategory } from './qualification-category';
import { fail, ok, type ValidationFailure, type ValidationResult } from './result';

/**
 * Cross-check between a 从业资格类别 and the holder's driving licence
 * (domain.md §7.2–7.3). The regulation only says "相应的机动车驾驶证"; no
 * national code-to-class table exists, so these rules are our derivation and
 * are passed in as data so a province can override them.
 */
export interface QualificationLicenceRule {
  /** Short name used in messages, e.g. 客运驾驶员. */
  label: string;
  /** The licence must allow at least one of these classes. */
  acceptedClasses: readonly LicenceClass[];
  /**
   * 'covers': any class that may drive an accepted class also counts (A1
   * covers B2, so an A1 holder may drive goods vehicles); 'exact': the class
   * itself must be held.
   */
  match: 'covers' | 'exact';
  /** Whole years since the licence was first issued; 0 for no requirement. */
  minYearsHeld: number;
}

/** A 危货 vehicle is a goods vehicle, so we assume the 货运 classes (§7.3 says "depends on the vehicle"). */
const HAZARDOUS_DRIVER: QualificationLicenceRule = {
  label: '危险货物运输驾驶员',
  acceptedClasses: ['A2', 'B2'],
  match: 'covers',
  minYearsHeld: 0,
};

/**
 * Default rules keyed by category-code prefix; the longest matching prefix
 * wins. Categories without a rule (装卸, 押运, 维修, …) need no licence.
 * The 危货 "客运/货运资格满2年" condition concerns qualifications, not the
 * licence, and is not checked here.
 */
export const qualificationLicenceRules: Readonly<Record<string, QualificationLicenceRule>> = {
  // "取得A1或A3驾驶证1年以上" plus B1 for mid-size coaches; ≥1 year per 从业人员管理规定 §9.
  '01001': { label: '客运驾驶员', acceptedClasses: ['A1', 'A3', 'B1'], match: 'covers', minYearsHeld: 1 },
  // C1 light trucks ≤4.5 t need no qualification since 2019, so C1 is not enough.
  '02001': { label: '货运驾驶员', acceptedClasses: ['A2', 'B2'], match: 'covers', minYearsHeld: 0 },
  '03001': HAZARDOUS_DRIVER,
  // The driver roles of the 剧毒化学品 / 爆炸品 / 放射性物品 groups, same assumption.
  '03005': HAZARDOUS_DRIVER,
  '03009': HAZARDOUS_DRIVER,
  '03013': HAZARDOUS_DRIVER,
  // 出租/网约车: "相应准驾车型" with ≥3 years' driving experience.
  '09': { label: '出租汽车驾驶员', acceptedClasses: ['C1'], match: 'covers', minYearsHeld: 3 },
};

/** Input to {@link checkQualificationLicence}. */
export interface QualificationLicenceInput {
  /** 5-digit 从业资格类别代码. */
  category: string;
  /** Held classes; entries may be printed combinations such as "A2D". */
  licenceClasses: readonly string[];
  /** 驾驶证初领日期 (YYYY-MM-DD). */
  licenceFirstIssued?: IsoDate;
  /** The day the check applies to (YYYY-MM-DD), usually today or the application date. */
  onDate: IsoDate;
}

/** What a passing check found. `rule` is null when the category needs no licence. */
export interface QualificationLicenceCheck {
  category: QualificationCategory;
  rule: QualificationLicenceRule | null;
  yearsHeld?: number;
}

export type QualificationLicenceReason =
  | 'UNKNOWN_CATEGORY'
  | 'INVALID_DATE'
  | 'LICENCE_MISSING'
  | 'INVALID_LICENCE_CLASS'
  | 'LICENCE_CLASS_NOT_ACCEPTED'
  | 'LICENCE_HELD_TOO_SHORT';

/** Finds the rule for a category code by longest matching prefix. */
export function findQualificationLicenceRule(
  category: string,
  rules: Readonly<Record<string, QualificationLicenceRule>> = qualificationLicenceRules,
): QualificationLicenceRule | null {
  const prefix = Object.keys(rules)
    .filter((p) => category.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? null : rules[prefix]!;
}

/** Checks that the licence fits the qualification category (class and years held). */
export function checkQualificationLicence(
  input: QualificationLicenceInput,
  rules: Readonly<Record<string, QualificationLicenceRule>> = qualificationLicenceRules,
): ValidationResult<QualificationLicenceCheck, QualificationLicenceReason> {
  const category = validateQualificationCategory(input.category);
  if (!category.ok) return fail('UNKNOWN_CATEGORY', category.message);
  if (!isIsoDate(input.onDate)) return fail('INVALID_DATE', '核验日期格式不正确');
  const rule = findQualificationLicenceRule(category.value.code, rules);
  if (rule === null) return ok({ category: category.value, rule: null });

  const classProblem = licenceClassProblem(input.licenceClasses, rule, category.value.name);
  if (classProblem !== undefined) return classProblem;
  if (rule.minYearsHeld === 0) return ok({ category: category.value, rule });
  if (input.licenceFirstIssued === undefined) {
    return ok({ category: category.value, rule }, [
      `未提供驾驶证初领日期，无法核验是否已取得驾驶证满${rule.minYearsHeld}年`,
    ]);
  }
  if (!isIsoDate(input.licenceFirstIssued) || input.licenceFirstIssued > input.onDate) {
    return fail('INVALID_DATE', '驾驶证初领日期不正确');
  }
  // Only the licence's first-issue date is known, not when each class was added.
  const yearsHeld = completedYears(input.licenceFirstIssued, input.onDate);
  if (yearsHeld < rule.minYearsHeld) {
    return fail(
      'LICENCE_HELD_TOO_SHORT',
      `${category.value.name}须取得驾驶证满${rule.minYearsHeld}年，当前驾龄${yearsHeld}年`,
    );
  }
  return ok({ category: category.value, rule, yearsHeld });
}

function licenceClassProblem(
  held: readonly string[],
  rule: QualificationLicenceRule,
  categoryName: string,
): ValidationFailure<QualificationLicenceReason> | undefined {
  if (held.length === 0) return fail('LICENCE_MISSING', `${categoryName}须持有机动车驾驶证，请填写准驾车型`);
  const heldClasses: LicenceClass[] = [];
  for (const parsed of held.map(parseLicenceClasses)) {
    if (!parsed.ok) return fail('INVALID_LICENCE_CLASS', parsed.message);
    heldClasses.push(...parsed.value);
  }
  const accepted = rule.acceptedClasses.some((cls) =>
    rule.match === 'covers' ? licenceCovers(heldClasses, cls) : heldClasses.includes(cls),
  );
  if (accepted) return undefined;
  return fail(
    'LICENCE_CLASS_NOT_ACCEPTED',
    `${categoryName}须持有${rule.acceptedClasses.join('、')}${rule.match === 'covers' ? '（或可准驾上述车型）' : ''}准驾车型的驾驶证`,
  );
}
