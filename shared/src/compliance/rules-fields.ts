import { codeLists } from '../registry/code-lists';
import { certificateTypes } from '../registry/certificate-types';
import { checkFieldValue, isEmptyFieldValue, isMultipleField, missingFieldMessage } from '../registry/field-values';
import type { CertificateFieldDefinition, CertificateTypeDefinition } from '../registry/types';
import { validatePlateNumber } from '../validators/plate-number';
import { ours, resolveType, rule, standard } from './define';
import { BoundedMemo, isDate, lastCall } from './memo';
import type {
  ComplianceFixer,
  ComplianceRule,
  ComplianceRuleBasis,
  ComplianceRuleContext,
  ComplianceFinding,
} from './types';

/**
 * Rules derived from the registry's field declarations, so every type is covered and a
 * field added to the registry is checked without touching this folder:
 * - `{type}.required.{key}` for each field declared `required`;
 * - `{type}.format.{key}` for each field: the registry's own value check
 *   (`checkFieldValue`: code lists, 准驾车型, 从业资格类别, plates, dates, lengths);
 * - `{type}.first-issued-order` where the type has a 初领日期;
 * - `common.extension-keys`: keys the type does not declare.
 * Messages are the registry's, so the mini-program's form says the same thing.
 */

/** Person certificates are completed by the holder, operator and vehicle certificates by the operator. */
function fixerOf(type: CertificateTypeDefinition): ComplianceFixer {
  return type.holderKind === 'PERSON' ? 'holder' : 'operator';
}

function formatBasis(field: CertificateFieldDefinition): ComplianceRuleBasis {
  switch (field.kind) {
    case 'plate':
      return standard('GA 36-2018 号牌');
    case 'date':
      return standard('GB/T 7408 日期表示');
    case 'licenceClass':
      return standard('公安部令162号 准驾车型');
    case 'areaCode':
      return standard('GB/T 2260');
    case 'creditCode':
      return standard('GB 32100-2015');
    case 'qualificationCategory':
      return ours('JT/T 697.7-2014 §5.22（代码表取自省级平台代码）');
    case 'code': {
      const list = codeLists[field.codeList];
      return list.values === null ? ours(`${list.source}（仅校验格式）`) : ours(`${list.source}`);
    }
    case 'text':
      return ours('registry 字段长度');
  }
}

/** Plates are unique per vehicle but read by the format rule and the colour rule in a row. */
export const plateResult = lastCall(validatePlateNumber);

/**
 * The value check of one field, equal to `checkFieldValue` but cached per distinct value
 * (codes, classes and dates repeat across the stock) and without its per-call arrays.
 */
function valueChecker(field: CertificateFieldDefinition): (value: unknown) => string | null {
  const badFormat = `${field.label}格式不正确`;
  if (field.kind === 'text') {
    const tooLong = `${field.label}不能超过${field.maxLength}个字`;
    return (value) => (typeof value !== 'string' ? badFormat : value.length > field.maxLength ? tooLong : null);
  }
  if (field.kind === 'plate') {
    return (value) => {
      if (typeof value !== 'string') return badFormat;
      const result = plateResult(value);
      return result.ok ? null : result.message;
    };
  }
  const memo = new BoundedMemo<string | null>(4_096);
  const elements = new BoundedMemo<string | null>(4_096);
  const one = (value: string) => checkFieldValue(field, value);
  // An array element is checked as a one-element array: the registry's rule for arrays.
  const element = (value: string) => checkFieldValue(field, [value]);
  const multiple = isMultipleField(field);
  return (value) => {
    if (typeof value === 'string') return memo.get(value, one);
    if (!Array.isArray(value) || !multiple) return badFormat;
    for (const item of value) {
      if (typeof item !== 'string') return badFormat;
      const problem = elements.get(item, element);
      if (problem !== null) return problem;
    }
    return null;
  };
}

function fieldRules(type: CertificateTypeDefinition): ComplianceRule[] {
  const fixableBy = fixerOf(type);
  const types = [type.code];
  return type.fields.flatMap((field) => {
    const { key } = field;
    const checkValue = valueChecker(field);
    const format = rule({
      id: `${type.code}.format.${key}`,
      types,
      severity: 'blocking',
      fixableBy,
      fields: [key],
      message: `${field.label}应符合规定格式`,
      atSubmit: true,
      basis: formatBasis(field),
      check: (s) => {
        const value = s.extension[key];
        if (isEmptyFieldValue(value)) return null;
        const message = checkValue(value);
        return message === null ? null : { field: key, message };
      },
    });
    if (!field.required) return [format];
    const missing = missingFieldMessage(field);
    const requiredRule = rule({
      id: `${type.code}.required.${key}`,
      types,
      severity: 'blocking',
      fixableBy,
      fields: [key],
      message: `${type.shortName}缺少${field.label}`,
      atSubmit: true,
      basis: ours(`${type.standard} 照面字段（registry 字段表）`),
      check: (s) => (isEmptyFieldValue(s.extension[key]) ? { field: key, message: missing } : null),
    });
    return [requiredRule, format];
  });
}

function firstIssuedOrderRule(type: CertificateTypeDefinition): ComplianceRule[] {
  const field = type.fields.find((f) => f.key === 'firstIssuedDate');
  if (!field) return [];
  const check = (first: unknown, issuedOn: unknown, ctx: ComplianceRuleContext): ComplianceFinding | null => {
    if (!isDate(first)) return null;
    if (first > ctx.today) return { field: field.key, message: `${field.label}（${first}）晚于今天` };
    if (isDate(issuedOn) && first > issuedOn) {
      return { field: field.key, message: `${field.label}（${first}）晚于发证日期（${issuedOn}）` };
    }
    return null;
  };
  return [
    rule({
      id: `${type.code}.first-issued-order`,
      types: [type.code],
      severity: 'blocking',
      fixableBy: fixerOf(type),
      fields: [field.key, 'issuedOn'],
      message: `${field.label}不得晚于发证日期和今天`,
      atSubmit: true,
      basis: standard('初领日期 ≤ 发证日期（GB/T 7408 日期）'),
      check: (s, ctx) => check(s.extension[field.key], s.issuedOn, ctx),
    }),
  ];
}

const declaredKeys = new Map(certificateTypes.map((type) => [type.code, new Set(type.fields.map((f) => f.key))]));

/** Registry-derived rules, type by type in registry order, then the undeclared-keys rule. */
export const fieldRulesList: readonly ComplianceRule[] = [
  ...certificateTypes.flatMap((type) => [...fieldRules(type), ...firstIssuedOrderRule(type)]),
  rule({
    id: 'common.extension-keys',
    severity: 'warning',
    fixableBy: 'staff',
    fields: ['extension'],
    message: '证照扩展信息只应包含该类证照登记的字段',
    atSubmit: true,
    basis: ours('registry 字段表（GB/T 36903 extend_info）'),
    check: (s) => {
      const type = resolveType(s.typeCode);
      const keys = type && declaredKeys.get(type.code);
      if (!type || !keys) return null;
      for (const key in s.extension) {
        if (!keys.has(key)) return { field: key, message: `“${key}”不是${type.shortName}的字段` };
      }
      return null;
    },
  }),
];
