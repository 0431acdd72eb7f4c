import { certificateStatuses, plateColours } from '../domain/codes';
import { codeLists } from '../registry/code-lists';
import type { CertificateTypeCode } from '../registry/type-codes';
import type { CertificateTypeDefinition } from '../registry/types';
import { normaliseCode } from '../validators/normalise';
import { normalisePlateNumber, plateKindLabels, type PlateKind } from '../validators/plate-number';
import { ours, resolveType, rule, standard, typesWhere } from './define';
import { isDate } from './memo';
import { plateResult } from './rules-fields';
import type {
  ComplianceRule,
  ComplianceSubject,
  OperatorLicenceFacts,
  ComplianceRuleContext,
  ComplianceFinding,
} from './types';

/**
 * Rules of the vehicle certificates (RB 运输证): the vehicle record, the plate colour, and
 * the operator's 经营许可证 (valid, and its 经营范围 covering the vehicle's).
 */

const VEHICLE_TYPES = typesWhere((t) => t.plateRequired);

/**
 * Which 经营许可证 types license the vehicles of each 运输证 type. A 道路运输证 may belong to
 * a 货运/客运, 危货 or 放射性物品 operator; a 网约车运输证 to a 网约车 platform.
 */
export const operatorLicenceTypesFor: Readonly<Partial<Record<CertificateTypeCode, readonly CertificateTypeCode[]>>> = {
  D013: ['D008', 'D016', 'D079'],
  D073: ['D074'],
};

/**
 * 经营范围 a licence covers when it carries no codes: the 放射性物品 licence states its scope
 * as text, and radioactive goods are dangerous goods (030). Our reading (待核实).
 */
const implicitScopes: Readonly<Partial<Record<CertificateTypeCode, readonly string[]>>> = { D079: ['030'] };

/** JT/T 415 §5.4.6 运行状态 that end a vehicle's operation. */
const endedVehicleStatuses: Readonly<Record<string, string>> = {
  '31': '迁出（过户）',
  '32': '迁出（转籍）',
  '33': '报废',
  '80': '注销',
};

/** Plate colours each plate layout may carry (GA 36-2018 as summarised in domain.md §8). */
const coloursByPlateKind: Readonly<Record<PlateKind, ReadonlySet<string> | null>> = {
  // Small new-energy plates are gradient green (渐变绿), large ones yellow-green (黄绿).
  NEW_ENERGY_SMALL: new Set(['5', '94']),
  NEW_ENERGY_LARGE: new Set(['5', '93']),
  // Any colour but the two new-energy ones.
  ORDINARY: null,
  TRAILER: null,
};
const NEW_ENERGY_COLOURS: ReadonlySet<string> = new Set(['93', '94']);

function isValidOn(licence: OperatorLicenceFacts, today: string): boolean {
  return (
    licence.status === 'VALID' &&
    (licence.validFrom === null || !isDate(licence.validFrom) || licence.validFrom <= today) &&
    (licence.validUntil === null || (isDate(licence.validUntil) && licence.validUntil >= today))
  );
}

/** The licence's registry type, if it is one that licenses this 运输证 type. */
function relevantType(
  licence: OperatorLicenceFacts,
  needed: readonly CertificateTypeCode[],
): CertificateTypeDefinition | undefined {
  const type = resolveType(licence.typeCode);
  return type && needed.includes(type.code) ? type : undefined;
}

function neededLicences(s: ComplianceSubject): readonly CertificateTypeCode[] | undefined {
  const type = resolveType(s.typeCode);
  return type && operatorLicenceTypesFor[type.code];
}

function operatorLicenceFinding(s: ComplianceSubject, ctx: ComplianceRuleContext): ComplianceFinding | null {
  const licences = s.operatorLicences;
  const needed = neededLicences(s);
  // A certificate no longer in force needs no licence behind it.
  if (s.status !== 'VALID' || licences === undefined || needed === undefined) return null;
  let first: { licence: OperatorLicenceFacts; type: CertificateTypeDefinition } | undefined;
  for (const licence of licences) {
    const type = relevantType(licence, needed);
    if (type === undefined) continue;
    if (isValidOn(licence, ctx.today)) return null;
    first ??= { licence, type };
  }
  const field = 'operatorLicences';
  if (first === undefined) {
    const name = resolveType(needed[0]!)?.name ?? '经营许可证';
    return { field, message: `业户未持有${name}，车辆不能从事道路运输经营`, detail: 'NONE' };
  }
  const { licence, type } = first;
  if (licence.status !== 'VALID') {
    const label = certificateStatuses[licence.status]?.label ?? licence.status;
    return { field, message: `业户的${type.shortName}${label}，车辆不能从事道路运输经营`, detail: licence.status };
  }
  if (licence.validUntil === null || !isDate(licence.validUntil) || licence.validUntil < ctx.today) {
    const when = isDate(licence.validUntil) ? `已于${licence.validUntil}到期` : '有效期不明';
    return { field, message: `业户的${type.shortName}${when}，车辆不能从事道路运输经营`, detail: 'EXPIRED' };
  }
  return {
    field,
    message: `业户的${type.shortName}自${licence.validFrom}起生效，目前尚未生效`,
    detail: 'NOT_YET_VALID',
  };
}

/** True when licence code `held` covers vehicle code `wanted`: the same code, or its group (020 covers 021). */
function scopeCovers(held: string, wanted: string): boolean {
  if (held === wanted) return true;
  return (
    held.length === 3 &&
    wanted.length === 3 &&
    held.charCodeAt(2) === 48 &&
    held.charCodeAt(0) === wanted.charCodeAt(0) &&
    held.charCodeAt(1) === wanted.charCodeAt(1)
  );
}

function licenceCovers(licence: OperatorLicenceFacts, type: CertificateTypeDefinition, wanted: string): boolean {
  const scope =
    licence.businessScope && licence.businessScope.length > 0 ? licence.businessScope : implicitScopes[type.code];
  if (!scope) return false;
  for (const held of scope) if (scopeCovers(held, wanted)) return true;
  return false;
}

const scopeLabels = codeLists.businessScope.values ?? {};

function scopeFinding(s: ComplianceSubject, ctx: ComplianceRuleContext): ComplianceFinding | null {
  const licences = s.operatorLicences;
  const needed = neededLicences(s);
  const scope = s.extension.businessScope;
  if (s.status !== 'VALID' || licences === undefined || needed === undefined || !Array.isArray(scope)) return null;
  let anyValid = false;
  for (const wanted of scope) {
    if (typeof wanted !== 'string') return null;
    let covered = false;
    for (const licence of licences) {
      const type = relevantType(licence, needed);
      if (type === undefined || !isValidOn(licence, ctx.today)) continue;
      anyValid = true;
      if (licenceCovers(licence, type, wanted)) {
        covered = true;
        break;
      }
    }
    // Without a valid licence there is nothing to compare: RB.operator-licence-valid reports it.
    if (!anyValid) return null;
    if (!covered) {
      const label = scopeLabels[wanted] ?? wanted;
      return {
        field: 'businessScope',
        message: `车辆经营范围“${label}”不在业户经营许可证的经营范围内`,
        detail: wanted,
      };
    }
  }
  return null;
}

/** Digits of a licence number: one system stores 粤交运管许可穗字440100151081号, another 440100151081. */
function digitsOf(value: string): string {
  let digits = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += value[i];
  }
  return digits;
}

function licenceNumberFinding(s: ComplianceSubject): ComplianceFinding | null {
  const printed = s.extension.operatingLicenceNumber;
  const licences = s.operatorLicences;
  const needed = neededLicences(s);
  if (typeof printed !== 'string' || printed === '' || licences === undefined || needed === undefined) return null;
  let printedDigits: string | undefined;
  let compared = false;
  for (const licence of licences) {
    if (typeof licence.number !== 'string' || relevantType(licence, needed) === undefined) continue;
    if (licence.number === printed) return null;
    printedDigits ??= digitsOf(printed);
    if (printedDigits === '') return null;
    compared = true;
    if (digitsOf(licence.number) === printedDigits) return null;
  }
  return compared
    ? { field: 'operatingLicenceNumber', message: `运输证上的经营许可证号“${printed}”与业户持有的经营许可证不一致` }
    : null;
}

function vehicleRecordFinding(s: ComplianceSubject): ComplianceFinding | null {
  const vehicle = s.vehicle;
  if (vehicle === undefined || vehicle === null) return null;
  const { plateNumber, plateColour, vehicleType } = s.extension;
  if (
    typeof plateNumber === 'string' &&
    typeof vehicle.plateNumber === 'string' &&
    plateNumber !== vehicle.plateNumber &&
    normalisePlateNumber(plateNumber) !== normalisePlateNumber(vehicle.plateNumber)
  ) {
    return {
      field: 'plateNumber',
      message: `运输证上的车辆号牌（${plateNumber}）与车辆档案（${vehicle.plateNumber}）不一致`,
    };
  }
  if (
    typeof plateColour === 'string' &&
    typeof vehicle.plateColour === 'string' &&
    plateColour !== vehicle.plateColour
  ) {
    return { field: 'plateColour', message: '运输证上的车牌颜色与车辆档案不一致' };
  }
  const recorded = vehicle.vehicleTypeCode;
  if (
    typeof vehicleType === 'string' &&
    typeof recorded === 'string' &&
    vehicleType !== '' &&
    recorded !== '' &&
    normaliseCode(vehicleType) !== normaliseCode(recorded)
  ) {
    return { field: 'vehicleType', message: `运输证上的车辆类型（${vehicleType}）与车辆档案（${recorded}）不一致` };
  }
  return null;
}

function plateColourFinding(s: ComplianceSubject): ComplianceFinding | null {
  const { plateNumber, plateColour } = s.extension;
  if (typeof plateNumber !== 'string' || typeof plateColour !== 'string' || plateNumber === '') return null;
  const plate = plateResult(plateNumber);
  if (!plate.ok) return null;
  const allowed = coloursByPlateKind[plate.value.kind];
  const fits = allowed === null ? !NEW_ENERGY_COLOURS.has(plateColour) : allowed.has(plateColour);
  if (fits) return null;
  const colour = (plateColours as Readonly<Record<string, string>>)[plateColour] ?? plateColour;
  return { field: 'plateColour', message: `车牌颜色“${colour}”与号牌类型（${plateKindLabels[plate.value.kind]}）不符` };
}

const SCOPE_TYPES = typesWhere(
  (t) => t.plateRequired && t.fields.some((f) => f.key === 'businessScope' && f.kind === 'code'),
);
const REVIEW_TYPES = typesWhere((t) => t.fields.some((f) => f.key === 'reviewValidUntil'));
const LICENCE_NUMBER_TYPES = typesWhere(
  (t) => t.plateRequired && t.fields.some((f) => f.key === 'operatingLicenceNumber'),
);

export const vehicleRules: readonly ComplianceRule[] = [
  rule({
    id: 'RB.vehicle-linked',
    types: VEHICLE_TYPES,
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['vehicle'],
    message: '运输证须关联车辆档案',
    basis: standard('JT/T 1292-2019：运输证按车核发'),
    check: (s) => (s.vehicle === null ? { field: 'vehicle', message: '运输证未关联车辆档案' } : null),
  }),
  rule({
    id: 'RB.vehicle-record-matches',
    types: VEHICLE_TYPES,
    severity: 'blocking',
    fixableBy: 'staff',
    fields: [
      'plateNumber',
      'plateColour',
      'vehicleType',
      'vehicle.plateNumber',
      'vehicle.plateColour',
      'vehicle.vehicleTypeCode',
    ],
    message: '运输证上的号牌、车牌颜色和车辆类型应与车辆档案一致',
    basis: standard('JT/T 1292-2019 照面信息'),
    check: vehicleRecordFinding,
  }),
  rule({
    id: 'RB.vehicle-operator-is-holder',
    types: VEHICLE_TYPES,
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['vehicle.operatorId', 'holder.id'],
    message: '运输证的持证业户应为车辆所属业户',
    basis: standard('JT/T 1292-2019 业户名称'),
    check: (s) => {
      const vehicle = s.vehicle;
      if (!vehicle || s.holder.id === undefined || vehicle.operatorId === s.holder.id) return null;
      return { field: 'vehicle.operatorId', message: '车辆档案所属业户与运输证持证业户不一致' };
    },
  }),
  rule({
    id: 'RB.vehicle-status',
    types: VEHICLE_TYPES,
    severity: 'blocking',
    fixableBy: 'staff',
    fields: ['vehicle.operatingStatus', 'status'],
    message: '已报废、注销或迁出的车辆，其运输证不应为“有效”',
    basis: ours('JT/T 415 §5.4.6 车辆运行状态；与证照状态的对应为我方理解'),
    check: (s) => {
      const status = s.vehicle?.operatingStatus;
      const label = status ? endedVehicleStatuses[status] : undefined;
      if (s.status !== 'VALID' || label === undefined) return null;
      return { field: 'vehicle.operatingStatus', message: `车辆运行状态为“${label}”，运输证状态仍为“有效”` };
    },
  }),
  rule({
    id: 'RB.plate-colour-matches-plate',
    types: VEHICLE_TYPES,
    severity: 'warning',
    fixableBy: 'operator',
    fields: ['plateNumber', 'plateColour'],
    message: '车牌颜色应与号牌类型相符（小型新能源为渐变绿，大型新能源为黄绿）',
    atSubmit: true,
    basis: ours('GA 36-2018 号牌颜色，据 domain.md §8 摘要'),
    check: plateColourFinding,
  }),
  rule({
    id: 'RB.operator-licence-valid',
    types: VEHICLE_TYPES.filter((code) => operatorLicenceTypesFor[code] !== undefined),
    severity: 'blocking',
    fixableBy: 'operator',
    fields: ['operatorLicences', 'status'],
    message: '有效的运输证，其业户须持有有效的经营许可证',
    atSubmit: true,
    basis: standard('道路运输条例：取得道路运输经营许可后方可为车辆配发道路运输证'),
    check: operatorLicenceFinding,
  }),
  rule({
    id: 'RB.scope-covered-by-licence',
    types: SCOPE_TYPES.filter((code) => operatorLicenceTypesFor[code] !== undefined),
    severity: 'blocking',
    fixableBy: 'operator',
    fields: ['businessScope', 'operatorLicences', 'status'],
    message: '有效的运输证，其经营范围应在业户有效经营许可证的经营范围之内',
    atSubmit: true,
    basis: ours('经营范围代码及上下级覆盖关系（020 含 021–023）为我方理解，domain.md §3'),
    check: scopeFinding,
  }),
  rule({
    id: 'RB.licence-number-matches',
    types: LICENCE_NUMBER_TYPES.filter((code) => operatorLicenceTypesFor[code] !== undefined),
    severity: 'warning',
    fixableBy: 'operator',
    fields: ['operatingLicenceNumber', 'operatorLicences'],
    message: '运输证上的经营许可证号应为业户持有的经营许可证',
    atSubmit: true,
    basis: ours('按数字部分比对（domain.md §4.3：各系统存储格式不一）'),
    check: licenceNumberFinding,
  }),
  rule({
    id: 'RB.annual-review',
    types: REVIEW_TYPES,
    severity: 'warning',
    fixableBy: 'operator',
    fields: ['reviewValidUntil', 'status'],
    message: '有效的运输证应在审验有效期内（年度审验）',
    basis: ours('年度审验周期因省而异（registry ValidityRule）'),
    check: (s, ctx) => {
      const until = s.extension.reviewValidUntil;
      if (s.status !== 'VALID' || !isDate(until) || until >= ctx.today) return null;
      return { field: 'reviewValidUntil', message: `审验有效期已于${until}届满，请按时办理年度审验` };
    },
  }),
];
