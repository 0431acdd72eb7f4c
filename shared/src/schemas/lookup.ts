import { z } from 'zod';
import { carrierList, certificateStatusList } from '../domain/codes';
import { certificateTypeCodeSchema } from '../registry/type-codes';
import { getCertificateType } from '../registry/certificate-types';
import { normaliseCode } from '../validators/normalise';
import { validateCitizenId } from '../validators/citizen-id';
import { normalisePlateNumber, validatePlateNumber } from '../validators/plate-number';
import { isoDateSchema } from './common';

/**
 * Public lookup without the e-certificate (凭证号查询): a certificate by its number and its
 * holder's exact name, answering status and validity only. The partner API's check uses
 * the same request. Server: server/src/modules/lookup; docs/verification.md.
 */

/** Number of characters accepted for a number, a name, a plate (before format checks). */
const numberInput = z.string().trim().min(1, '请输入证号').max(60, '证号过长');
const nameInput = z.string().trim().min(1, '请输入持证人姓名或业户名称').max(100, '姓名或名称过长');
const plateInput = z.string().trim().min(1).max(12, '车牌号过长');

/**
 * `POST /api/v1/lookup` and `POST /api/v1/partner/check`: a certificate by its number and
 * its holder's exact name (+ the plate for 运输证). Paper and IC numbers work too.
 */
export const lookupRequestSchema = z.object({
  typeCode: certificateTypeCodeSchema,
  number: numberInput,
  name: nameInput,
  plate: plateInput.optional(),
});
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

/** Lookup limits (sliding windows). Per number they stop guessing the name for a known number. */
export const lookupLimits = {
  perIpPerMinute: 10,
  perIpPerDay: 200,
  perNumberPerHour: 10,
  perNumberPerDay: 30,
} as const;

/** The checked lookup input: canonical number and plate, or per-field Chinese messages. */
export type LookupInputCheck =
  | { ok: true; number: string; name: string; plate: string | null; personal: boolean }
  | { ok: false; fields: Record<string, string> };

/**
 * Format and check-digit checks before anything is looked up (client and server use the
 * same): an 18-character number on a person's certificate must be a valid 公民身份号码, other
 * numbers must fit the type's format; 运输证 need the plate.
 */
export function checkLookupInput(input: LookupRequest): LookupInputCheck {
  const type = getCertificateType(input.typeCode);
  if (!type) return { ok: false, fields: { typeCode: '请选择证照类型' } };
  const fields: Record<string, string> = {};
  let number = normaliseCode(input.number);
  const personal = type.holderKind === 'PERSON';
  if (personal && /^\d{17}[\dX]$/.test(number)) {
    const id = validateCitizenId(number);
    if (!id.ok) fields.number = `证号与身份证号码相同时须为有效号码：${id.message}`;
    else number = id.value;
  } else if (!type.numberFormat.pattern.test(number)) {
    fields.number = `${type.shortName}证号格式不正确，${type.numberFormat.description}`;
  }
  const name = input.name.trim().replace(/\s+/g, '');
  if (name.length === 0) fields.name = '请输入持证人姓名或业户名称';
  let plate: string | null = null;
  if (type.plateRequired) {
    if (!input.plate) fields.plate = '车辆证照请填写车牌号';
    else {
      const checked = validatePlateNumber(input.plate);
      if (!checked.ok) fields.plate = checked.message;
      else plate = checked.value.plate;
    }
  } else if (input.plate) {
    plate = normalisePlateNumber(input.plate);
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, number, name, plate, personal };
}

/**
 * Status and validity only. `found: false` is the one answer for "no such number" and
 * "wrong name", so the lookup cannot be used to find out who holds a number.
 */
export const lookupResultSchema = z.object({
  found: z.boolean(),
  typeCode: certificateTypeCodeSchema,
  typeName: z.string(),
  status: z.enum(certificateStatusList).nullable(),
  statusLabel: z.string().nullable(),
  /** True when the status is VALID and today is within the validity. */
  valid: z.boolean(),
  carrier: z.enum(carrierList).nullable(),
  validFrom: isoDateSchema.nullable(),
  /** null with found = true: 长期. */
  validUntil: isoDateSchema.nullable(),
  /** A paper/IC certificate replaced by an electronic one: 已换发电子证照 (nothing about the new one). */
  replacedByElectronic: z.boolean(),
  /** One sentence for people, in Chinese. */
  message: z.string(),
  checkedAt: z.string().describe('ISO 8601 timestamp'),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;
