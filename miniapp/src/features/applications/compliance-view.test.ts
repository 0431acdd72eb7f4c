import type { ComplianceFailureView } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { blocksSubmit, refusalLines, summariseCompliance } from './compliance-view';
import { formFieldsFor } from './form-state';

const mismatch: ComplianceFailureView = {
  ruleId: 'person.licence-matches-qualification',
  severity: 'blocking',
  fixableBy: 'holder',
  field: 'licenceClasses',
  fieldLabel: '准驾车型',
  message: '准驾车型 C1 不符合从业资格类别 02001 的要求（需 A2 或 B2 等）',
};
const pilot: ComplianceFailureView = {
  ruleId: 'record.credit-code-pilot',
  severity: 'warning',
  fixableBy: 'staff',
  field: 'holder.creditCode',
  fieldLabel: '统一社会信用代码',
  message: '试点赋码，请核对',
};

describe('summariseCompliance', () => {
  const fields = formFieldsFor('D071', 'RENEWAL');

  it('splits blocking failures from warnings and points the holder at the step that fixes one', () => {
    const summary = summariseCompliance({ compliant: false, failures: [mismatch, pilot] }, fields);
    expect(summary.blocking).toEqual([
      { key: `${mismatch.ruleId}:licenceClasses`, text: mismatch.message, fixStep: 'confirm' },
    ]);
    expect(summary.warnings).toEqual([
      { key: `${pilot.ruleId}:holder.creditCode`, text: '统一社会信用代码：试点赋码，请核对', fixStep: null },
    ]);
  });

  it('is empty without a check result (lists, older answers)', () => {
    expect(summariseCompliance(undefined, fields)).toEqual({ blocking: [], warnings: [] });
  });
});

describe('blocksSubmit', () => {
  it('blocks on a blocking failure only', () => {
    expect(blocksSubmit({ compliant: false, failures: [mismatch] })).toBe(true);
    expect(blocksSubmit({ compliant: true, failures: [pilot] })).toBe(false);
    expect(blocksSubmit(undefined)).toBe(false);
  });
});

describe('refusalLines', () => {
  const label = (key: string) => (key === 'licenceClasses' ? '准驾车型' : key);

  it('labels each field of a 422 COMPLIANCE_BLOCKED answer', () => {
    expect(refusalLines({ licenceClasses: '与从业资格类别不符' }, '证照数据未通过合规校验', label)).toEqual([
      '准驾车型：与从业资格类别不符',
    ]);
    expect(refusalLines({ licenceClasses: '准驾车型与从业资格类别不符' }, 'x', label)).toEqual([
      '准驾车型与从业资格类别不符',
    ]);
  });

  it('falls back to the message when no field is named', () => {
    expect(refusalLines(undefined, '证照数据未通过合规校验', label)).toEqual(['证照数据未通过合规校验']);
  });
});
