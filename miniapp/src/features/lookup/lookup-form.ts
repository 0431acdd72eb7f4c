import {
  certificateTypes,
  checkLookupInput,
  lookupRequestSchema,
  type CertificateTypeCode,
  type LookupRequest,
} from '@roadcert/shared';
import { validateForm, type Validated } from '../../lib/validation';

/**
 * 证照查询 without the e-certificate: type, number, holder name, and the plate for vehicle
 * certificates. The server's own checks (schema, then `checkLookupInput`: number format, ID check
 * digit, plate rules), so a typo is caught on the phone instead of spending one of the limited lookups.
 */
export interface LookupForm {
  typeCode: CertificateTypeCode;
  number: string;
  name: string;
  plate: string;
}

export interface LookupTypeOption {
  code: CertificateTypeCode;
  label: string;
  plateRequired: boolean;
  numberHint: string;
  namePlaceholder: string;
}

/** The nine types, 从业资格证 first (drivers are most of the lookups), then 道路运输证, then the rest. */
export const lookupTypeOptions: LookupTypeOption[] = [...certificateTypes]
  .sort((a, b) => rank(a.code) - rank(b.code))
  .map((type) => ({
    code: type.code,
    label: type.shortName,
    plateRequired: type.plateRequired,
    numberHint: type.numberFormat.description,
    namePlaceholder: type.holderKind === 'PERSON' ? '持证人姓名' : '业户名称（企业全称）',
  }));

function rank(code: CertificateTypeCode): number {
  const first: CertificateTypeCode[] = ['D071', 'D013', 'D008'];
  const index = first.indexOf(code);
  return index === -1 ? first.length : index;
}

export function lookupTypeOption(code: CertificateTypeCode): LookupTypeOption {
  return lookupTypeOptions.find((option) => option.code === code) ?? lookupTypeOptions[0]!;
}

export const emptyLookupForm: LookupForm = { typeCode: 'D071', number: '', name: '', plate: '' };

/** Every field at once: empty fields in the schema's words, the rest from the format checks. */
export function validateLookupForm(form: LookupForm): Validated<LookupRequest> {
  const option = lookupTypeOption(form.typeCode);
  const input = {
    typeCode: form.typeCode,
    number: form.number,
    name: form.name,
    plate: option.plateRequired && form.plate.trim() !== '' ? form.plate : undefined,
  };
  const schema = validateForm(lookupRequestSchema, input);
  const formats = checkLookupInput(input);
  const fields = { ...(formats.ok ? {} : formats.fields), ...(schema.ok ? {} : schema.fields) };
  if (!schema.ok || !formats.ok) return { ok: false, fields };
  return {
    ok: true,
    value: { ...schema.value, number: formats.number, name: formats.name, plate: formats.plate ?? undefined },
  };
}
