import {
  certificateStatuses,
  endedOperatorBusinessStatuses,
  holderKinds,
  operatorBusinessStatuses,
} from '../domain/codes';
import { isEmptyFieldValue } from '../registry/field-values';
import { areaProvinceNames, isAreaProvincePrefix, validateAreaCode } from '../validators/area-code';
import {
  CERTIFICATE_IDENTIFIER_PREFIX,
  mod3736,
  parseCertificateIdentifier,
} from '../validators/certificate-identifier';
import { validateCitizenId, type CitizenIdOptions } from '../validators/citizen-id';
import type { IsoDate } from '../validators/dates';
import { normaliseCode } from '../validators/normalise';
import { validateSocialCreditCode } from '../validators/social-credit-code';
import { addDays, sameDayYearsLater } from './dates';
import { ALL_CARRIERS, ELECTRONIC_ONLY, ours, resolveType, rule, standard, typesWhere } from './define';
import { BoundedMemo, isDate, lastCall } from './memo';
import type { ComplianceRule, ComplianceSubject, ComplianceRuleContext, ComplianceFinding } from './types';

/**
 * Rules on the record itself, common to all nine types: GB/T 36903 metadata (number,
 * dates, issuer, area), status against validity, the holder's identity codes, and the
 * electronic certificate's identifier and signature.
 */

type RecordField = 'number' | 'issuedOn' | 'validFrom' | 'validUntil' | 'issuingAuthority' | 'issuingAuthorityCode';

const recordLabels: Record<RecordField | 'areaCode', string> = {
  number: '证照编号',
  issuedOn: '发证日期',
  validFrom: '有效期起始日期',
  validUntil: '有效期截止日期',
  issuingAuthority: '发证机关',
  issuingAuthorityCode: '发证机关统一社会信用代码',
  areaCode: '行政区划代码',
};

const GB_36903 = standard('GB/T 36903-2018 元数据');

function required(field: RecordField | 'areaCode', basis = GB_36903): ComplianceRule {
  const message = `缺少${recordLabels[field]}`;
  return rule({
    id: `common.required.${field}`,
    severity: 'blocking',
    fixableBy: 'staff',
    fields: [field],
    message,
    basis,
    check: (s) => (isEmptyFieldValue(s[field]) ? { field, message } : null),
  });
}

/** Credit codes repeat (issuing authorities, an operator's many vehicles); validated once each. */
const creditCodes = new BoundedMemo<ReturnType<typeof validateSocialCreditCode>>(8_192);

function creditCodeResult(code: string, ctx: ComplianceRuleContext) {
  return ctx.knownLegalCreditCodes === undefined
    ? creditCodes.get(code, validateSocialCreditCode)
    : validateSocialCreditCode(code, { knownLegalCodes: ctx.knownLegalCreditCodes });
}

const areaCodes = new BoundedMemo<ReturnType<typeof validateAreaCode>>(8_192);

const DATE_FIELDS = ['issuedOn', 'validFrom', 'validUntil'] as const;

function dateFormatFinding(s: ComplianceSubject): ComplianceFinding | null {
  for (const field of DATE_FIELDS) {
    const value = s[field];
    if (!isEmptyFieldValue(value) && !isDate(value)) {
      return { field, message: `${recordLabels[field]}应为有效日期（YYYY-MM-DD）` };
    }
  }
  return null;
}

function validityOrderFinding(s: ComplianceSubject): ComplianceFinding | null {
  const { validUntil, validFrom, issuedOn } = s;
  if (!isDate(validUntil)) return null;
  if (isDate(validFrom) && validUntil < validFrom) {
    return { field: 'validUntil', message: `有效期截止日期（${validUntil}）早于起始日期（${validFrom}）` };
  }
  if (isDate(issuedOn) && validUntil < issuedOn) {
    return { field: 'validUntil', message: `有效期截止日期（${validUntil}）早于发证日期（${issuedOn}）` };
  }
  return null;
}

/** The year of a valid ISO date, read without slicing. */
function yearOf(day: IsoDate): number {
  return (
    (day.charCodeAt(0) - 48) * 1000 +
    (day.charCodeAt(1) - 48) * 100 +
    (day.charCodeAt(2) - 48) * 10 +
    day.charCodeAt(3) -
    48
  );
}

function validityTermFinding(s: ComplianceSubject): ComplianceFinding | null {
  const type = resolveType(s.typeCode);
  if (!type || !isDate(s.validFrom) || !isDate(s.validUntil)) return null;
  const years = type.validity.years;
  // Whole years apart decide it without building a string; only the boundary year compares days.
  const apart = yearOf(s.validUntil) - yearOf(s.validFrom);
  if (apart < years || (apart === years && s.validUntil <= sameDayYearsLater(s.validFrom, years))) return null;
  return {
    field: 'validUntil',
    message: `${type.shortName}有效期为${years}年，该证有效期为${s.validFrom}至${s.validUntil}`,
  };
}

function lapsedFinding(s: ComplianceSubject, ctx: ComplianceRuleContext): ComplianceFinding | null {
  const lapse = resolveType(s.typeCode)?.validity.lapseAfterDays;
  if (s.status !== 'EXPIRED' || lapse === undefined || !isDate(s.validUntil)) return null;
  if (addDays(s.validUntil, lapse) >= ctx.today) return null;
  return {
    field: 'status',
    message: `有效期已于${s.validUntil}届满，超过${lapse}天未延续，应予注销`,
  };
}

/** JT/T 415 §5.3.1 经营状态 codes that end an operator's business, with their labels. */
const closedBusinessStatuses: Readonly<Record<string, string>> = Object.fromEntries(
  endedOperatorBusinessStatuses.map((code) => [code, operatorBusinessStatuses[code]]),
);

/** One options object per day, instead of one per call. */
let idOptions: CitizenIdOptions & { today: IsoDate } = { today: '' };

function idNumberFinding(s: ComplianceSubject, ctx: ComplianceRuleContext): ComplianceFinding | null {
  const id = s.holder.idNumber;
  if (id === undefined) return null;
  if (isEmptyFieldValue(id)) return { field: 'holder.idNumber', message: '缺少持证人身份证号码' };
  if (idOptions.today !== ctx.today) idOptions = { today: ctx.today };
  const result = validateCitizenId(id as string, idOptions);
  return result.ok ? null : { field: 'holder.idNumber', message: result.message, detail: result.reason };
}

function creditCodeFinding(s: ComplianceSubject, ctx: ComplianceRuleContext): ComplianceFinding | null {
  const code = s.holder.creditCode;
  if (code === undefined) return null;
  if (isEmptyFieldValue(code)) return { field: 'holder.creditCode', message: '缺少业户统一社会信用代码' };
  const result = creditCodeResult(code as string, ctx);
  return result.ok ? null : { field: 'holder.creditCode', message: result.message, detail: result.reason };
}

function pilotCodeFinding(s: ComplianceSubject, ctx: ComplianceRuleContext): ComplianceFinding | null {
  const code = s.holder.creditCode;
  if (typeof code !== 'string' || code === '') return null;
  const result = creditCodeResult(code, ctx);
  const warning = result.ok ? result.warnings?.[0] : undefined;
  return warning === undefined ? null : { field: 'holder.creditCode', message: warning, detail: 'PILOT_CODE' };
}

/** The identifier is unique per certificate and read by two rules in a row. */
const parseIdentifier = lastCall(parseCertificateIdentifier);

const DOT = 46;

/** True for 0-9 (and A-Z when `letters`) between `from` and `to`. */
function allCodeChars(text: string, from: number, to: number, letters: boolean): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (letters && c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * The common case without the full parse (which costs more than all other rules of a
 * certificate together): the identifier is canonical and reads exactly
 * `1.2.156.3005.2.{the type's code}.{the issuer's credit code}.{serial}.{version}.{check}`
 * with a correct MOD 37,36 check character. Then `parseCertificateIdentifier` accepts it
 * and its parts match the certificate. Anything else goes to the validator; a test holds
 * the two equal.
 */
export function isExpectedIdentifier(identifier: string, typeCode: string, issuerCode: string): boolean {
  const typeAt = CERTIFICATE_IDENTIFIER_PREFIX.length;
  const issuerAt = typeAt + typeCode.length + 1;
  const serialAt = issuerAt + issuerCode.length + 1;
  const end = identifier.length;
  const versionAt = end - 5;
  if (versionAt - 1 - serialAt < 1 || versionAt - 1 - serialAt > 32) return false;
  if (
    !identifier.startsWith(CERTIFICATE_IDENTIFIER_PREFIX) ||
    !identifier.startsWith(typeCode, typeAt) ||
    identifier.charCodeAt(issuerAt - 1) !== DOT ||
    !identifier.startsWith(issuerCode, issuerAt) ||
    identifier.charCodeAt(serialAt - 1) !== DOT ||
    identifier.charCodeAt(versionAt - 1) !== DOT ||
    identifier.charCodeAt(end - 2) !== DOT ||
    !allCodeChars(identifier, serialAt, versionAt - 1, true) ||
    !allCodeChars(identifier, versionAt, end - 2, false) ||
    !allCodeChars(identifier, end - 1, end, true)
  ) {
    return false;
  }
  const body = typeCode + issuerCode + identifier.slice(serialAt, versionAt - 1) + identifier.slice(versionAt, end - 2);
  return mod3736(body) === identifier.charAt(end - 1);
}

let expected = { identifier: '', typeCode: '', issuerCode: '', result: false };

/** {@link isExpectedIdentifier} for a subject, remembered for the second rule that asks. */
function hasExpectedIdentifier(s: ComplianceSubject, ctx: ComplianceRuleContext): boolean {
  const { identifier, issuingAuthorityCode: issuerCode } = s;
  const type = resolveType(s.typeCode);
  if (typeof identifier !== 'string' || typeof issuerCode !== 'string' || type === undefined) return false;
  if (identifier === expected.identifier && type.typeCode === expected.typeCode && issuerCode === expected.issuerCode) {
    return expected.result;
  }
  // The issuer part must be a well-formed credit code, as the validator requires.
  const result = creditCodeResult(issuerCode, ctx).ok && isExpectedIdentifier(identifier, type.typeCode, issuerCode);
  expected = { identifier, typeCode: type.typeCode, issuerCode, result };
  return result;
}

function identifierMatchFinding(s: ComplianceSubject, ctx: ComplianceRuleContext): ComplianceFinding | null {
  if (typeof s.identifier !== 'string' || s.identifier === '' || hasExpectedIdentifier(s, ctx)) return null;
  const parsed = parseIdentifier(s.identifier);
  const type = resolveType(s.typeCode);
  if (!parsed.ok || !type) return null;
  if (parsed.value.typeCode !== type.typeCode) {
    return {
      field: 'identifier',
      message: `电子证照标识中的证照类型代码（${parsed.value.typeCode}）与${type.shortName}的类型代码（${type.typeCode}）不一致`,
    };
  }
  const authority = s.issuingAuthorityCode;
  if (typeof authority === 'string' && authority !== '' && parsed.value.issuerCode !== normaliseCode(authority)) {
    return { field: 'identifier', message: '电子证照标识中的颁发机构代码与发证机关统一社会信用代码不一致' };
  }
  return null;
}

const PERSON_TYPES = typesWhere((t) => t.holderKind === 'PERSON');
const OPERATOR_TYPES = typesWhere((t) => t.holderKind === 'OPERATOR');

/** Rules on the record and its holder, in report order. */
export const recordRules: readonly ComplianceRule[] = [
  rule({
    id: 'common.known-type',
    // Applies to no registry type: checkCompliance runs it only when the type or carrier is unknown.
    types: [],
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['typeCode', 'carrier'],
    message: '证照类型应为三类九证之一，载体应为纸质证、IC卡证或电子证照',
    atSubmit: true,
    basis: standard('交办运〔2024〕39号 三类九证；类型代码见 domain.md §2'),
    check: (s) => {
      if (!resolveType(s.typeCode)) return { field: 'typeCode', message: `未知的证照类型“${s.typeCode}”` };
      if (!(ALL_CARRIERS as readonly string[]).includes(s.carrier)) {
        return { field: 'carrier', message: `未知的证照载体“${s.carrier}”` };
      }
      return null;
    },
  }),
  required('number'),
  rule({
    id: 'common.format.number',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['number'],
    message: '证照编号应符合该类证照的编号格式',
    basis: ours('domain.md §4.3：编号格式为观察所得，按宽松规则校验'),
    check: (s) => {
      const type = resolveType(s.typeCode);
      if (!type || typeof s.number !== 'string' || isEmptyFieldValue(s.number)) return null;
      if (type.numberFormat.pattern.test(normaliseCode(s.number))) return null;
      return { field: 'number', message: `证照编号格式不正确，${type.numberFormat.description}` };
    },
  }),
  required('issuedOn'),
  required('validFrom'),
  required('validUntil', ours('registry：九类证照均有有效期（ValidityRule），不接受“长期”')),
  rule({
    id: 'common.format.dates',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: [...DATE_FIELDS],
    message: '发证日期和有效期应为有效日期（YYYY-MM-DD）',
    basis: standard('GB/T 7408 日期表示'),
    check: dateFormatFinding,
  }),
  required('issuingAuthority'),
  required('issuingAuthorityCode'),
  rule({
    id: 'common.format.issuingAuthorityCode',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['issuingAuthorityCode'],
    message: '发证机关代码应为有效的统一社会信用代码（GB 32100）',
    basis: standard('GB 32100-2015'),
    check: (s, ctx) => {
      const code = s.issuingAuthorityCode;
      if (typeof code !== 'string' || isEmptyFieldValue(code)) return null;
      const result = creditCodeResult(code, ctx);
      return result.ok
        ? null
        : { field: 'issuingAuthorityCode', message: `发证机关${result.message}`, detail: result.reason };
    },
  }),
  required('areaCode'),
  rule({
    id: 'common.format.areaCode',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['areaCode'],
    message: '行政区划代码应为6位GB/T 2260代码（校验到省级）',
    basis: standard('GB/T 2260'),
    check: (s) => {
      const code = s.areaCode;
      if (typeof code !== 'string' || isEmptyFieldValue(code)) return null;
      const result = areaCodes.get(code, validateAreaCode);
      return result.ok ? null : { field: 'areaCode', message: result.message, detail: result.reason };
    },
  }),
  rule({
    id: 'common.area-matches-authority',
    severity: 'warning',
    fixableBy: 'staff',
    fields: ['areaCode', 'issuingAuthorityCode'],
    message: '行政区划代码应与发证机关所在省份一致',
    basis: ours('GB 32100 第3–8位为登记管理机关行政区划码；省内发证'),
    check: (s) => {
      const area = s.areaCode;
      const authority = s.issuingAuthorityCode;
      if (typeof area !== 'string' || typeof authority !== 'string' || area.length !== 6 || authority.length !== 18) {
        return null;
      }
      if (area.charCodeAt(0) === authority.charCodeAt(2) && area.charCodeAt(1) === authority.charCodeAt(3)) return null;
      const areaProvince = area.slice(0, 2);
      const authorityProvince = authority.slice(2, 4);
      if (!isAreaProvincePrefix(areaProvince) || !isAreaProvincePrefix(authorityProvince)) return null;
      return {
        field: 'areaCode',
        message: `行政区划（${areaProvinceNames[areaProvince]}）与发证机关所在地（${areaProvinceNames[authorityProvince]}）不一致`,
      };
    },
  }),
  rule({
    id: 'common.validity-order',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['validFrom', 'validUntil', 'issuedOn'],
    message: '有效期截止日期不得早于起始日期和发证日期',
    basis: standard('GB/T 36903 有效期起始/截止日期'),
    check: validityOrderFinding,
  }),
  rule({
    id: 'common.issued-not-future',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['issuedOn'],
    message: '发证日期不得晚于今天',
    basis: standard('GB/T 36903 发证日期'),
    check: (s, ctx) =>
      isDate(s.issuedOn) && s.issuedOn > ctx.today
        ? { field: 'issuedOn', message: `发证日期（${s.issuedOn}）晚于今天` }
        : null,
  }),
  rule({
    id: 'common.validity-term',
    types: typesWhere((t) => !t.validity.provincialVariable),
    severity: 'warning',
    fixableBy: 'staff',
    fields: ['validFrom', 'validUntil'],
    message: '有效期不得超过该类证照的法定期限',
    basis: standard('道路运输从业人员管理规定：从业资格证有效期6年（domain.md §4.4）'),
    check: validityTermFinding,
  }),
  rule({
    id: 'common.valid-but-expired',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['status', 'validUntil'],
    message: '状态为“有效”的证照应在有效期内',
    basis: standard('证照状态代码 10 有效 / 02 已过期（domain.md §3）'),
    check: (s, ctx) =>
      s.status === 'VALID' && isDate(s.validUntil) && s.validUntil < ctx.today
        ? { field: 'status', message: `证照状态为“有效”，但有效期已于${s.validUntil}届满` }
        : null,
  }),
  rule({
    id: 'common.expired-but-in-term',
    severity: 'warning',
    fixableBy: 'staff',
    fields: ['status', 'validUntil'],
    message: '状态为“已过期”的证照，有效期应已届满',
    basis: standard('证照状态代码 10 有效 / 02 已过期（domain.md §3）'),
    check: (s, ctx) =>
      s.status === 'EXPIRED' && isDate(s.validUntil) && s.validUntil >= ctx.today
        ? { field: 'status', message: `证照状态为“已过期”，但有效期至${s.validUntil}尚未届满` }
        : null,
  }),
  rule({
    id: 'common.lapsed-not-cancelled',
    types: typesWhere((t) => t.validity.lapseAfterDays !== undefined),
    severity: 'warning',
    fixableBy: 'staff',
    fields: ['status', 'validUntil'],
    message: '过期超过规定天数未延续的证照应予注销',
    basis: standard('从业资格证逾期180天未延续注销（domain.md §4.4）'),
    check: lapsedFinding,
  }),
  rule({
    id: 'common.holder-kind',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['holder.kind'],
    message: '持证主体类型应与证照类型一致（从业资格证为个人，经营许可证和运输证为业户）',
    atSubmit: true,
    basis: standard('JT/T 1290/1291/1292 持证主体'),
    check: (s) => {
      const type = resolveType(s.typeCode);
      if (!type || s.holder.kind === type.holderKind) return null;
      return { field: 'holder.kind', message: `${type.shortName}的持证主体应为${holderKinds[type.holderKind].label}` };
    },
  }),
  rule({
    id: 'holder.required.name',
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['holder.name'],
    message: '缺少持证主体名称',
    atSubmit: true,
    basis: GB_36903,
    check: (s) => (isEmptyFieldValue(s.holder.name) ? { field: 'holder.name', message: '缺少持证主体名称' } : null),
  }),
  rule({
    id: 'holder.id-number',
    types: PERSON_TYPES,
    severity: 'blocking',
    fixableBy: 'holder',
    fields: ['holder.idNumber'],
    message: '持证人身份证号码应完整且符合GB 11643（含校验位）',
    atSubmit: true,
    basis: standard('GB 11643-1999'),
    check: idNumberFinding,
  }),
  rule({
    id: 'holder.credit-code',
    types: OPERATOR_TYPES,
    severity: 'blocking',
    fixableBy: 'operator',
    fields: ['holder.creditCode'],
    message: '业户统一社会信用代码应完整且符合GB 32100（含校验位）',
    atSubmit: true,
    basis: standard('GB 32100-2015'),
    check: creditCodeFinding,
  }),
  rule({
    id: 'holder.credit-code-pilot',
    types: OPERATOR_TYPES,
    severity: 'warning',
    fixableBy: 'operator',
    fields: ['holder.creditCode'],
    message: '业户统一社会信用代码为试点期间赋码、校验位不符合GB 32100，请核对营业执照',
    atSubmit: true,
    basis: standard('GB 32100 试点赋码（domain.md §8：校验不通过但合法，提示不拦截）'),
    check: pilotCodeFinding,
  }),
  rule({
    id: 'operator.business-status',
    types: OPERATOR_TYPES,
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['holder.businessStatus', 'status'],
    message: '业户已歇业或注销的，其证照不应为“有效”',
    basis: ours('JT/T 415 §5.3.1 业户经营状态；与证照状态的对应为我方理解'),
    check: (s) => {
      const label = s.holder.businessStatus ? closedBusinessStatuses[s.holder.businessStatus] : undefined;
      if (s.status !== 'VALID' || label === undefined) return null;
      return {
        field: 'holder.businessStatus',
        message: `业户经营状态为“${label}”，证照状态仍为“${certificateStatuses.VALID.label}”`,
      };
    },
  }),
  rule({
    id: 'electronic.required.identifier',
    carriers: ELECTRONIC_ONLY,
    severity: 'blocking',
    fixableBy: 'upstream',
    fields: ['identifier'],
    message: '电子证照缺少电子证照标识',
    basis: standard('GB/T 36904-2018'),
    check: (s) =>
      isEmptyFieldValue(s.identifier) ? { field: 'identifier', message: '电子证照缺少电子证照标识' } : null,
  }),
  rule({
    id: 'electronic.format.identifier',
    carriers: ELECTRONIC_ONLY,
    severity: 'blocking',
    fixableBy: 'upstream',
    fields: ['identifier'],
    message: '电子证照标识应符合GB/T 36904（含MOD 37,36校验位）',
    basis: standard('GB/T 36904-2018；ISO/IEC 7064 MOD 37,36'),
    check: (s, ctx) => {
      if (typeof s.identifier !== 'string' || isEmptyFieldValue(s.identifier)) return null;
      if (hasExpectedIdentifier(s, ctx)) return null;
      const parsed = parseIdentifier(s.identifier);
      return parsed.ok ? null : { field: 'identifier', message: parsed.message, detail: parsed.reason };
    },
  }),
  rule({
    id: 'electronic.identifier-matches',
    carriers: ELECTRONIC_ONLY,
    severity: 'blocking',
    fixableBy: 'upstream',
    fields: ['identifier', 'typeCode', 'issuingAuthorityCode'],
    message: '电子证照标识中的类型代码和颁发机构代码应与证照一致',
    basis: standard('GB/T 36904-2018 标识结构'),
    check: identifierMatchFinding,
  }),
  rule({
    id: 'electronic.signature',
    carriers: ELECTRONIC_ONLY,
    severity: 'blocking',
    fixableBy: 'upstream',
    fields: ['signature'],
    message: '电子证照缺少签名',
    basis: standard('GB/T 36905 文件安全要求（SM2/SM3 签名）'),
    check: (s) => (s.signaturePresent ? null : { field: 'signature', message: '电子证照缺少签名' }),
  }),
];
