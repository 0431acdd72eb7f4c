import { codeLists } from '../registry/code-lists';
import { citizenIdSex, citizenSexLabels } from '../validators/citizen-id';
import {
  checkQualificationLicence,
  qualificationLicenceRules,
  type QualificationLicenceReason,
  type QualificationLicenceRule,
} from '../validators/qualification-licence';
import { ELECTRONIC_ONLY, NOT_ELECTRONIC, ours, resolveType, rule, standard, typesWhere } from './define';
import type { ComplianceRule, ComplianceSubject, ComplianceRuleContext, ComplianceFinding } from './types';

/**
 * Rules of the person certificates (RE 从业资格证 and the taxi driver cards): 准驾车型
 * against 从业资格类别, sex against the ID number, and the portrait photo.
 */

type Rules = Readonly<Record<string, QualificationLicenceRule>>;

/** A cached outcome of `checkQualificationLicence` for one category and one 准驾车型 value. */
interface Verdict {
  reason: QualificationLicenceReason | null;
  message: string;
}

const PASS: Verdict = { reason: null, message: '' };
/**
 * Without a driving-licence first-issue date the validator never looks at the day, so
 * one fixed day keeps the outcome cacheable. The "held ≥ N years" part needs the
 * licence's first-issue date, which no record carries yet (docs/compliance-rules.md).
 */
const ANY_DAY = '2000-01-01';
const CACHE_LIMIT = 1_024;
const verdicts = new WeakMap<Rules, Map<string, Map<string, Verdict>>>();

function verdictFor(category: string, classes: string, rules: Rules): Verdict {
  let byCategory = verdicts.get(rules);
  if (byCategory === undefined) verdicts.set(rules, (byCategory = new Map()));
  let byClasses = byCategory.get(category);
  if (byClasses === undefined) {
    if (byCategory.size >= CACHE_LIMIT) byCategory.clear();
    byCategory.set(category, (byClasses = new Map()));
  }
  let verdict = byClasses.get(classes);
  if (verdict === undefined) {
    const result = checkQualificationLicence(
      { category, licenceClasses: classes === '' ? [] : [classes], onDate: ANY_DAY },
      rules,
    );
    verdict = result.ok ? PASS : { reason: result.reason, message: result.message };
    if (byClasses.size >= CACHE_LIMIT) byClasses.clear();
    byClasses.set(classes, verdict);
  }
  return verdict;
}

/** The 准驾车型 value as one string ('' when empty), or null when it is malformed (the format rule's case). */
function licenceClassesOf(s: ComplianceSubject): string | null {
  const value = s.extension.licenceClasses;
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim() === '' ? '' : value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  return null;
}

/** The first category whose verdict has `reason`, as a finding on 准驾车型. */
function licenceFinding(
  s: ComplianceSubject,
  ctx: ComplianceRuleContext,
  wantEmpty: boolean,
  reason: QualificationLicenceReason,
): ComplianceFinding | null {
  const classes = licenceClassesOf(s);
  if (classes === null || (classes === '') !== wantEmpty) return null;
  const rules = ctx.qualificationLicenceRules ?? qualificationLicenceRules;
  const categories = s.extension.qualificationCategories;
  const list = typeof categories === 'string' ? [categories] : Array.isArray(categories) ? categories : [];
  for (const category of list) {
    if (typeof category !== 'string') continue;
    const verdict = verdictFor(category, classes, rules);
    if (verdict.reason === reason) return { field: 'licenceClasses', message: verdict.message, detail: reason };
  }
  return null;
}

const RE_TYPES = typesWhere((t) => t.fields.some((f) => f.kind === 'qualificationCategory'));
/** Where the registry leaves 准驾车型 optional (non-driving roles), driving categories still need it. */
const OPTIONAL_CLASS_TYPES = typesWhere((t) =>
  t.fields.some((f) => f.kind === 'licenceClass' && !f.required && RE_TYPES.includes(t.code)),
);
const PHOTO_TYPES = typesWhere((t) => t.photo !== null);
const SEX_TYPES = typesWhere((t) => t.holderKind === 'PERSON' && t.fields.some((f) => f.key === 'sex'));

const sexLabels = codeLists.sex.values ?? {};
const SEX_CODE = { MALE: '1', FEMALE: '2' } as const;

const NEEDS_PORTRAIT = '缺少证件照，请上传近期免冠白底证件照';

function portraitQualityFinding(s: ComplianceSubject): ComplianceFinding | null {
  const portrait = s.portrait;
  if (portrait === undefined || portrait === null) return null;
  if (!portrait.accepted) {
    return { field: 'portrait', message: portrait.problems?.[0] ?? '证件照未通过质量检查，请重新拍摄或上传' };
  }
  const spec = resolveType(s.typeCode)?.photo;
  const { widthPx, heightPx } = portrait;
  if (!spec || widthPx === undefined || heightPx === undefined) return null;
  if (widthPx === spec.widthPx && heightPx === spec.heightPx) return null;
  return {
    field: 'portrait',
    message: `证件照尺寸应为${spec.widthPx}×${spec.heightPx}像素，当前为${widthPx}×${heightPx}像素，请重新上传`,
  };
}

export const personRules: readonly ComplianceRule[] = [
  rule({
    id: 'RE.licence-class-required',
    types: OPTIONAL_CLASS_TYPES,
    severity: 'blocking',
    fixableBy: 'holder',
    fields: ['licenceClasses', 'qualificationCategories'],
    message: '驾驶员类从业资格须填写准驾车型',
    atSubmit: true,
    basis: standard('道路运输从业人员管理规定 §9–11：取得相应的机动车驾驶证'),
    check: (s, ctx) => licenceFinding(s, ctx, true, 'LICENCE_MISSING'),
  }),
  rule({
    id: 'RE.licence-class-matches-category',
    types: RE_TYPES,
    severity: 'blocking',
    fixableBy: 'holder',
    fields: ['licenceClasses', 'qualificationCategories'],
    message: '准驾车型应与从业资格类别相符',
    atSubmit: true,
    basis: ours('domain.md §7.3：类别与准驾车型对照表为我方推导，可按省配置'),
    check: (s, ctx) => licenceFinding(s, ctx, false, 'LICENCE_CLASS_NOT_ACCEPTED'),
  }),
  rule({
    id: 'RE.sex-matches-id-number',
    types: SEX_TYPES,
    severity: 'warning',
    fixableBy: 'staff',
    fields: ['sex', 'holder.idNumber'],
    message: '性别应与身份证号码第17位一致',
    atSubmit: true,
    basis: standard('GB 11643-1999 顺序码（奇数为男）'),
    check: (s) => {
      const sex = s.extension.sex;
      const id = s.holder.idNumber;
      if (typeof sex !== 'string' || typeof id !== 'string') return null;
      const fromId = citizenIdSex(id);
      if (fromId === undefined || (sex !== '1' && sex !== '2') || SEX_CODE[fromId] === sex) return null;
      return {
        field: 'sex',
        message: `性别（${sexLabels[sex] ?? sex}）与身份证号码（${citizenSexLabels[fromId]}）不一致`,
      };
    },
  }),
  rule({
    id: 'RE.portrait-required',
    types: PHOTO_TYPES,
    carriers: ELECTRONIC_ONLY,
    severity: 'blocking',
    fixableBy: 'holder',
    fields: ['portrait'],
    message: '电子证照须有证件照',
    atSubmit: true,
    basis: standard('JT/T 1290 照面含照片；申领须提交证件照（一次性告知）'),
    check: (s) => (s.portrait === null ? { field: 'portrait', message: NEEDS_PORTRAIT } : null),
  }),
  rule({
    id: 'RE.portrait-quality',
    types: PHOTO_TYPES,
    severity: 'blocking',
    fixableBy: 'holder',
    fields: ['portrait'],
    message: '证件照须通过照片检查并符合照片规格',
    atSubmit: true,
    basis: ours('照片规格 358×441 像素为我方假设（registry photo-spec，JT/T 1290 外观部分未读到）'),
    check: portraitQualityFinding,
  }),
  rule({
    id: 'RE.portrait-for-conversion',
    types: PHOTO_TYPES,
    carriers: NOT_ELECTRONIC,
    severity: 'warning',
    fixableBy: 'holder',
    fields: ['portrait'],
    message: '纸质证和IC卡证换发电子证照前须有证件照',
    basis: standard('交办运〔2024〕39号：存量证照在业务办理时换发电子证照'),
    check: (s) =>
      s.status === 'VALID' && s.portrait === null
        ? { field: 'portrait', message: '换发电子证照需要证件照，请上传近期免冠白底证件照' }
        : null,
  }),
];
