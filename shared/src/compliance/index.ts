/**
 * Data completeness and compliance rules (缺失数据补传, 数据合规率 ≥ 95 %): one platform-free
 * rule catalogue beside the registry, run by the mini-program before submitting and by the
 * server at submission, issuance, every change and in batch. docs/compliance-rules.md.
 */
export type * from './types';
export { toIsoDate } from './dates';
export { complianceRules, complianceRulesFor, getComplianceRule } from './catalogue';
export { checkCompliance } from './check';
export { operatorLicenceTypesFor } from './rules-vehicle';
export { complianceFieldLabel, supplementInputFor, type EvidenceNeed, type SupplementInput } from './supplement';
