import {
  carriers,
  certificateStatuses,
  citizenIdBirthDate,
  citizenIdSex,
  fieldValueFromForm,
  getCertificateType,
  isRealDate,
  isCertificateTypeCode,
  normalisePlateNumber,
  stockCommonColumns,
  validateCitizenId,
  validatePlateNumber,
  validateSocialCreditCode,
  type Carrier,
  type CertificateStatus,
  type CertificateTypeCode,
  type StockCommonColumnKey,
} from '@roadcert/shared';
import type { HeaderLayout } from './columns';

/**
 * One data row of a stock file → a record ready to store, or the reasons it cannot be stored
 * (docs/stock-import.md, "Refused or landed"). Only what the database cannot hold, or cannot
 * key, refuses a row; every other defect (missing 准驾车型, a bad plate format, an expired
 * certificate still 有效, a missing issuer code …) lands and is reported by the compliance
 * rules as a task.
 */

export type StockHolder =
  | { kind: 'PERSON'; name: string; idNumber: string; gender: string | null; birthDate: string | null }
  | { kind: 'OPERATOR'; name: string; creditCode: string };

export type StockRecord = {
  line: number;
  typeCode: CertificateTypeCode;
  /** Person certificates: the number is sealed like an ID number (seed.ts does the same). */
  personal: boolean;
  number: string;
  carrier: Exclude<Carrier, 'ELECTRONIC'>;
  status: CertificateStatus;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  firstIssuedOn: string | null;
  issuingAuthority: string;
  issuingAuthorityCode: string;
  areaCode: string;
  holder: StockHolder;
  /** RB types with a usable plate and colour; otherwise no vehicle link (rule RB.vehicle-linked). */
  vehicle: { plateNumber: string; plateColour: string; vehicleTypeCode: string | null } | null;
  extension: Record<string, string | string[]>;
  sourceUpdatedAt: Date;
};

export type RowError = { line: number; column: string; reason: string };
export type ParsedRow = { ok: true; record: StockRecord } | { ok: false; errors: RowError[] };

const label = Object.fromEntries(stockCommonColumns.map((c) => [c.key, c.label])) as Record<
  StockCommonColumnKey,
  string
>;

const carrierByText = new Map<string, Exclude<Carrier, 'ELECTRONIC'>>([
  ['PAPER', 'PAPER'],
  ['纸质', 'PAPER'],
  ['纸质证', 'PAPER'],
  ['1', 'PAPER'],
  ['IC_CARD', 'IC_CARD'],
  ['IC卡', 'IC_CARD'],
  ['IC卡证', 'IC_CARD'],
  ['2', 'IC_CARD'],
]);

const statusByText = new Map<string, CertificateStatus>(
  Object.entries(certificateStatuses).flatMap(([name, s]) => [
    [name, name as CertificateStatus],
    [s.code, name as CertificateStatus],
    [s.label, name as CertificateStatus],
    [s.label.replace(/^已/, ''), name as CertificateStatus],
  ]),
);

const holderKindByText = new Map<string, 'PERSON' | 'OPERATOR'>([
  ['PERSON', 'PERSON'],
  ['个人', 'PERSON'],
  ['从业人员', 'PERSON'],
  ['111', 'PERSON'],
  ['OPERATOR', 'OPERATOR'],
  ['业户', 'OPERATOR'],
  ['企业', 'OPERATOR'],
  ['001', 'OPERATOR'],
]);

/** A calendar day in the forms exports use: 2025-12-01, 2025/12/1, 2025.12.01, 20251201. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(y, mo, d)) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 更新时间: a day, or a day and time; without an offset it is China time (+08:00). */
export function parseTimestamp(text: string): Date | null {
  const m =
    /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text,
    );
  if (!m) return null;
  const day = parseDay(m[1]!);
  if (!day) return null;
  const [h, mi, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  const offset = m[6] ? (m[6] === 'Z' ? 'Z' : m[6].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+08:00';
  const ms = (m[5] ?? '.').slice(1).padEnd(3, '0');
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = `${day}T${pad(h)}:${pad(mi)}:${pad(s)}.${ms}${offset}`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Parses one row. `cells` are the raw cell texts; `line` is the file line (header = line 1). */
export function parseRow(layout: HeaderLayout, cells: readonly string[], line: number): ParsedRow {
  const errors: RowError[] = [];
  const refuse = (key: StockCommonColumnKey | string, reason: string) =>
    errors.push({ line, column: key in label ? label[key as StockCommonColumnKey] : key, reason });
  const cell = (key: StockCommonColumnKey) => {
    const i = layout.common[key];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const tooLong = (key: StockCommonColumnKey, max: number) => {
    const v = cell(key);
    if (v.length > max) refuse(key, `${label[key]}不能超过${max}个字符`);
    return v;
  };

  const typeText = cell('typeCode').toUpperCase();
  const type = getCertificateType(typeText);
  if (!type || !isCertificateTypeCode(type.code)) {
    refuse('typeCode', typeText ? `未知的证照类型代码“${typeText.slice(0, 30)}”` : '类型代码为空');
    return { ok: false, errors };
  }

  const number = cell('number').replace(/\s+/g, '').toUpperCase();
  if (!number) refuse('number', '证照编号为空，无法识别证照');
  else if (number.length > 64) refuse('number', '证照编号不能超过64个字符');

  const carrierText = cell('carrier');
  const carrier = carrierByText.get(carrierText.toUpperCase());
  if (!carrier)
    refuse(
      'carrier',
      carrierText === 'ELECTRONIC' || carrierText === carriers.ELECTRONIC.label
        ? '电子证照由本系统签发，不能导入'
        : `载体“${carrierText.slice(0, 20)}”不正确，应为 纸质 或 IC卡`,
    );

  const statusText = cell('status');
  const status = statusByText.get(statusText.toUpperCase());
  if (!status) refuse('status', `状态“${statusText.slice(0, 20)}”不正确，应为状态代码（如 10 有效）或名称`);

  const day = (key: 'issuedOn' | 'validFrom' | 'validUntil', optional: boolean) => {
    const text = cell(key);
    if (!text) {
      if (!optional) refuse(key, `${label[key]}为空`);
      return null;
    }
    const value = parseDay(text);
    if (!value) refuse(key, `${label[key]}“${text.slice(0, 30)}”不是有效日期（YYYY-MM-DD）`);
    return value;
  };
  const issuedOn = day('issuedOn', false);
  const validFrom = day('validFrom', false);
  // Empty 有效期至 is stored as 长期 (null); no registry type allows it, so rule common.validity-term reports it.
  const validUntil = day('validUntil', true);

  const issuingAuthority = tooLong('issuingAuthority', 200);
  const issuingAuthorityCode = tooLong('issuingAuthorityCode', 18).toUpperCase();
  const areaCode = tooLong('areaCode', 6);

  const kindText = cell('holderKind');
  const holderKind = kindText ? holderKindByText.get(kindText.toUpperCase()) : type.holderKind;
  if (!holderKind) refuse('holderKind', `持证人类型“${kindText.slice(0, 20)}”不正确，应为 个人 或 业户`);
  const holderName = tooLong('holderName', 200);
  const idText = cell('holderIdNumber');
  let holder: StockHolder | null = null;
  if (holderKind === 'PERSON') {
    const id = validateCitizenId(idText);
    if (!id.ok) refuse('holderIdNumber', `持证人证件号码：${id.message}`);
    else
      holder = {
        kind: 'PERSON',
        name: holderName,
        idNumber: id.value,
        gender: citizenIdSex(id.value) === 'MALE' ? '1' : '2',
        birthDate: citizenIdBirthDate(id.value) ?? null,
      };
  } else if (holderKind === 'OPERATOR') {
    const code = validateSocialCreditCode(idText, { lenientPilotRule: true });
    if (!code.ok) refuse('holderIdNumber', `持证人证件号码：${code.message}`);
    else holder = { kind: 'OPERATOR', name: holderName, creditCode: code.value };
  }

  const updatedText = cell('sourceUpdatedAt');
  const sourceUpdatedAt = updatedText ? parseTimestamp(updatedText) : null;
  if (!updatedText) refuse('sourceUpdatedAt', '更新时间为空，无法判断记录新旧');
  else if (!sourceUpdatedAt)
    refuse('sourceUpdatedAt', `更新时间“${updatedText.slice(0, 30)}”不是有效时间（YYYY-MM-DD HH:mm:ss）`);

  // Extension fields: stored as given (multiple-code fields split into arrays); their format
  // and presence are the compliance rules' ({type}.required.*, {type}.format.*).
  const extension: Record<string, string | string[]> = {};
  for (const field of type.fields) {
    const i = layout.extension.get(field.label);
    const text = i === undefined ? '' : (cells[i] ?? '').trim();
    if (!text) continue;
    if (text.length > 500) refuse(field.label, `${field.label}不能超过500个字符`);
    else extension[field.key] = fieldValueFromForm(field, text);
  }

  if (errors.length > 0 || !carrier || !status || !issuedOn || !validFrom || !holder || !sourceUpdatedAt)
    return { ok: false, errors };

  const firstIssued = typeof extension.firstIssuedDate === 'string' ? parseDay(extension.firstIssuedDate) : null;
  return {
    ok: true,
    record: {
      line,
      typeCode: type.code,
      personal: type.holderKind === 'PERSON',
      number,
      carrier,
      status,
      issuedOn,
      validFrom,
      validUntil,
      firstIssuedOn: firstIssued,
      issuingAuthority,
      issuingAuthorityCode,
      areaCode,
      holder,
      vehicle: type.plateRequired ? vehicleOf(extension) : null,
      extension,
      sourceUpdatedAt,
    },
  };
}

/** The vehicle key (plate + colour) when both are usable; a bad plate lands unlinked. */
function vehicleOf(extension: Record<string, string | string[]>): StockRecord['vehicle'] {
  const plate = extension.plateNumber;
  const colour = extension.plateColour;
  if (typeof plate !== 'string' || typeof colour !== 'string' || colour.length > 2) return null;
  if (!validatePlateNumber(plate).ok) return null;
  const plateNumber = normalisePlateNumber(plate);
  if (plateNumber.length > 10) return null;
  const vehicleType = extension.vehicleType;
  return {
    plateNumber,
    plateColour: colour,
    vehicleTypeCode: typeof vehicleType === 'string' && vehicleType.length <= 4 ? vehicleType : null,
  };
}
