import { normaliseCode } from './normalise';
import { fail, ok, type ValidationResult } from './result';

/**
 * 准驾车型 of the motor-vehicle driving licence as revised by 公安部令162号
 * (effective 2022-04-01), domain.md §7.1.
 */
export const licenceClasses = {
  A1: { name: '大型客车', alsoDrives: ['A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'M'] },
  A2: { name: '重型牵引挂车', alsoDrives: ['B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C6', 'M'] },
  A3: { name: '城市公交车', alsoDrives: ['C1', 'C2', 'C3', 'C4'] },
  B1: { name: '中型客车', alsoDrives: ['C1', 'C2', 'C3', 'C4', 'M'] },
  B2: { name: '大型货车', alsoDrives: ['C1', 'C2', 'C3', 'C4', 'M'] },
  C1: { name: '小型汽车', alsoDrives: ['C2', 'C3', 'C4'] },
  C2: { name: '小型自动挡汽车', alsoDrives: [] },
  C3: { name: '低速载货汽车', alsoDrives: ['C4'] },
  C4: { name: '三轮汽车', alsoDrives: [] },
  C5: { name: '残疾人专用小型自动挡载客汽车', alsoDrives: [] },
  // Only obtainable by 增驾 (adding it to an existing licence).
  C6: { name: '轻型牵引挂车', alsoDrives: [] },
  D: { name: '普通三轮摩托车', alsoDrives: ['E', 'F'] },
  E: { name: '普通二轮摩托车', alsoDrives: ['F'] },
  F: { name: '轻便摩托车', alsoDrives: [] },
  M: { name: '轮式自行机械车', alsoDrives: [] },
  N: { name: '无轨电车', alsoDrives: [] },
  P: { name: '有轨电车', alsoDrives: [] },
} as const satisfies Record<string, { name: string; alsoDrives: readonly string[] }>;

/** One 准驾车型 code. */
export type LicenceClass = keyof typeof licenceClasses;

/** All classes in the order licences print them. */
export const licenceClassList = Object.keys(licenceClasses) as [LicenceClass, ...LicenceClass[]];

export type LicenceClassReason = 'EMPTY' | 'UNKNOWN_CLASS';

/** Type guard for a known class code. */
export function isLicenceClass(code: string): code is LicenceClass {
  return Object.prototype.hasOwnProperty.call(licenceClasses, code);
}

/**
 * Every class a holder of `cls` may drive, including `cls` itself. The table
 * lists direct permissions as the regulation prints them; taking the closure
 * means an edit to one row cannot leave a chain (A1 → C1 → C2) inconsistent.
 */
export function classesDrivableWith(cls: LicenceClass): ReadonlySet<LicenceClass> {
  const seen = new Set<LicenceClass>([cls]);
  const queue: LicenceClass[] = [cls];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const also of licenceClasses[next].alsoDrives) {
      // Stryker disable next-line ConditionalExpression: equivalent (the table has no cycles; the check only saves revisits)
      if (!seen.has(also)) {
        seen.add(also);
        queue.push(also);
      }
    }
  }
  return seen;
}

/** Separators seen between classes in typed input (A2、D / A2,D / A2 D). */
const SEPARATORS = /[,，、;；/|+]/g;
/** One class token; compiled per call because a sticky regex carries state. */
const TOKEN_SOURCE = '[ABC][1-6]|[DEFMNP]';

/**
 * Parses a 准驾车型 string as printed on a licence ("A2D", "A1A2", "B2") into
 * classes in canonical order. Repeated classes are dropped with a warning.
 */
export function parseLicenceClasses(input: string): ValidationResult<LicenceClass[], LicenceClassReason> {
  const text = normaliseCode(input).replace(SEPARATORS, '');
  if (text === '') return fail('EMPTY', '请输入准驾车型');
  const tokens = new RegExp(TOKEN_SOURCE, 'y');
  const found: LicenceClass[] = [];
  while (tokens.lastIndex < text.length) {
    const at = tokens.lastIndex;
    const token = tokens.exec(text)?.[0];
    if (token === undefined || !isLicenceClass(token)) {
      return fail('UNKNOWN_CLASS', `准驾车型“${text.slice(at)}”无法识别，有效车型为${licenceClassList.join('、')}`);
    }
    found.push(token);
  }
  const unique = licenceClassList.filter((cls) => found.includes(cls));
  // Stryker disable next-line StringLiteral: message text
  const warnings = unique.length < found.length ? ['准驾车型中有重复的车型，已自动去重'] : [];
  return ok(unique, warnings);
}

/**
 * True when any held class permits driving `needed`. Each held entry may be a
 * single class or a printed combination ("A2D"); unparseable entries and an
 * unknown `needed` class count as not covered.
 */
export function licenceCovers(held: readonly string[], needed: string): boolean {
  const target = normaliseCode(needed);
  return held.some((entry) => {
    const parsed = parseLicenceClasses(entry);
    return parsed.ok && parsed.value.some((cls) => (classesDrivableWith(cls) as ReadonlySet<string>).has(target));
  });
}
