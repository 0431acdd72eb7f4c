import { carrierList, type Carrier } from '../domain/codes';
import { certificateTypeCodes, type CertificateTypeCode } from '../registry/type-codes';
import { recordRules } from './rules-record';
import { fieldRulesList } from './rules-fields';
import { personRules } from './rules-person';
import { vehicleRules } from './rules-vehicle';
import type { ComplianceRule, ComplianceStage } from './types';

/**
 * The rule catalogue, in report order: the record and its holder, the registry's fields,
 * then the person and vehicle cross-checks. Ids are stable: they key completion tasks
 * (`CompletionTask.ruleCode`) and the batch report.
 */
export const complianceRules: readonly ComplianceRule[] = [
  ...recordRules,
  ...fieldRulesList,
  ...personRules,
  ...vehicleRules,
];

const byId = new Map(complianceRules.map((r) => [r.id, r]));

/** A rule by id, e.g. to show its text beside a completion task. */
export function getComplianceRule(id: string): ComplianceRule | undefined {
  return byId.get(id);
}

type StageLists = Readonly<Record<ComplianceStage, readonly ComplianceRule[]>>;

/** Precompiled: type → carrier → stage → the rules to run, so a check does no filtering. */
const lists = new Map<string, Readonly<Record<Carrier, StageLists>>>();
for (const type of certificateTypeCodes) {
  const byCarrier = {} as Record<Carrier, StageLists>;
  for (const carrier of carrierList) {
    const full = complianceRules.filter(
      (r) => r.appliesTo.types.includes(type) && r.appliesTo.carriers.includes(carrier),
    );
    byCarrier[carrier] = { full, submit: full.filter((r) => r.atSubmit) };
  }
  lists.set(type, byCarrier);
}

/** The rules that run for one type, carrier and stage, in report order. */
export function complianceRulesFor(
  type: CertificateTypeCode,
  carrier: Carrier,
  stage: ComplianceStage = 'full',
): readonly ComplianceRule[] {
  return lists.get(type)?.[carrier]?.[stage === 'submit' ? 'submit' : 'full'] ?? [];
}
