import type { ComplianceFailureView, ComplianceResultView } from '@roadcert/shared';
import { stepOfKey, type FormField, type FormStep } from './form-state';

/**
 * The compliance check of an application as saved (shared/src/compliance, stage 'submit'):
 * blocking failures stop the submit (the server answers 422 COMPLIANCE_BLOCKED), warnings
 * are shown and let it through.
 */

export interface ComplianceLine {
  key: string;
  /** '准驾车型：…', or the message alone when the failure names no labelled field. */
  text: string;
  /** The step whose field fixes it, when the holder can fix it in this form. */
  fixStep: FormStep | null;
}

export interface ComplianceSummary {
  blocking: ComplianceLine[];
  warnings: ComplianceLine[];
}

function lineOf(failure: ComplianceFailureView, fields: readonly FormField[]): ComplianceLine {
  const editable = fields.some((field) => field.key === failure.field && field.editable);
  const text =
    failure.fieldLabel && !failure.message.includes(failure.fieldLabel)
      ? `${failure.fieldLabel}：${failure.message}`
      : failure.message;
  return {
    key: `${failure.ruleId}:${failure.field}`,
    text,
    fixStep: editable ? stepOfKey(failure.field, fields) : null,
  };
}

export function summariseCompliance(
  compliance: ComplianceResultView | undefined,
  fields: readonly FormField[],
): ComplianceSummary {
  const failures = compliance?.failures ?? [];
  return {
    blocking: failures.filter((f) => f.severity === 'blocking').map((f) => lineOf(f, fields)),
    warnings: failures.filter((f) => f.severity === 'warning').map((f) => lineOf(f, fields)),
  };
}

/** True while a blocking failure stands: the submit button stays disabled. */
export function blocksSubmit(compliance: ComplianceResultView | undefined): boolean {
  return (compliance?.failures ?? []).some((failure) => failure.severity === 'blocking');
}

/** The `fields` of a 422 COMPLIANCE_BLOCKED answer as lines ('准驾车型：…'), the message when it names none. */
export function refusalLines(
  fields: Record<string, string> | undefined,
  message: string,
  labelOf: (key: string) => string,
): string[] {
  const entries = Object.entries(fields ?? {});
  if (entries.length === 0) return [message];
  return entries.map(([key, text]) => {
    const label = labelOf(key);
    return text.includes(label) ? text : `${label}：${text}`;
  });
}
