import type { Carrier } from '../domain/codes';
import { chinaToday } from '../validators/dates';
import { complianceRulesFor, getComplianceRule } from './catalogue';
import { resolveType } from './define';
import type {
  ComplianceContext,
  ComplianceFailure,
  ComplianceResult,
  ComplianceRule,
  ComplianceSubject,
  ComplianceRuleContext,
} from './types';

/** The result of every passing check: shared, frozen, no allocation. */
const PASS: ComplianceResult = Object.freeze({ compliant: true, failures: Object.freeze([]) as readonly never[] });

const knownTypeRule = getComplianceRule('common.known-type')!;

function failureOf(rule: ComplianceRule, finding: NonNullable<ReturnType<ComplianceRule['check']>>): ComplianceFailure {
  const failure: ComplianceFailure = {
    ruleId: rule.id,
    severity: rule.severity,
    fixableBy: rule.fixableBy,
    field: finding.field,
    message: finding.message,
  };
  if (finding.detail !== undefined) failure.detail = finding.detail;
  return failure;
}

/**
 * Runs every rule that applies to the subject's type, carrier and stage (precompiled
 * lists, no filtering per call) and reports the failures in catalogue order. `compliant`
 * is false when any failure is blocking. A passing subject allocates nothing.
 *
 * Where it runs: in the mini-program before an application is submitted (stage 'submit'),
 * on the server at submission, at review and at issuance (a blocking failure stops
 * issuance), on every change of a certificate, and in batch over the stock (pass `today`
 * once for the whole batch).
 */
export function checkCompliance(subject: ComplianceSubject, context?: ComplianceContext): ComplianceResult {
  const ctx: ComplianceRuleContext =
    context !== undefined && context.today !== undefined
      ? (context as ComplianceRuleContext)
      : { ...context, today: chinaToday() };
  const type = resolveType(subject.typeCode);
  const rules = type === undefined ? [] : complianceRulesFor(type.code, subject.carrier as Carrier, ctx.stage);
  if (rules.length === 0) {
    const finding = knownTypeRule.check(subject, ctx);
    return finding === null ? PASS : { compliant: false, failures: [failureOf(knownTypeRule, finding)] };
  }
  let failures: ComplianceFailure[] | undefined;
  let compliant = true;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const finding = rule.check(subject, ctx);
    if (finding === null) continue;
    (failures ??= []).push(failureOf(rule, finding));
    if (rule.severity === 'blocking') compliant = false;
  }
  return failures === undefined ? PASS : { compliant, failures };
}
