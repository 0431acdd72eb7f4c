import type { CompletionTaskView } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import {
  buildSupplyRequest,
  formText,
  initialValue,
  placeSupplyError,
  supplyProblems,
  taskField,
  taskTone,
  toggleCode,
  valueInputFor,
} from './supply-form';

function task(overrides: Partial<CompletionTaskView> = {}): CompletionTaskView {
  return {
    id: 't1',
    certificateId: 'c1',
    typeCode: 'D071',
    typeName: '道路运输从业人员从业资格证',
    certificateNumber: '4401****0011',
    ruleId: 'person.licence-class-missing',
    field: 'licenceClasses',
    fieldLabel: '准驾车型',
    message: '缺少准驾车型',
    severity: 'blocking',
    fixableBy: 'holder',
    state: 'OPEN',
    stateLabel: '待补充',
    canSupply: true,
    input: { fieldKey: 'licenceClasses', evidence: 'required', evidenceHint: '请拍摄机动车驾驶证', currentValue: null },
    suppliedValue: null,
    evidencePhotoId: null,
    returnReason: null,
    createdAt: '2026-12-01T08:00:00Z',
    submittedAt: null,
    resolvedAt: null,
    ...overrides,
  };
}

describe('taskField and valueInputFor', () => {
  it('finds the registry field by input.fieldKey and types it in (licence classes)', () => {
    const field = taskField(task());
    expect(field?.label).toBe('准驾车型');
    expect(valueInputFor(field)).toMatchObject({ kind: 'text', placeholder: '例如 A2 或 B2,C1' });
  });

  it('offers a short code list as choices (性别), a photo-only task as no input', () => {
    const sex = taskField(task({ field: 'sex', input: { ...task().input, fieldKey: 'sex' } }));
    expect(valueInputFor(sex)).toEqual({
      kind: 'choice',
      multiple: false,
      choices: [
        { value: '1', label: '男' },
        { value: '2', label: '女' },
      ],
    });
    expect(taskField(task({ input: { ...task().input, fieldKey: null } }))).toBeUndefined();
    expect(valueInputFor(undefined)).toEqual({ kind: 'none' });
  });
});

describe('initialValue', () => {
  it('prefills the current value, arrays joined as the form shows them', () => {
    expect(initialValue(task({ input: { ...task().input, currentValue: 'A2' } }))).toBe('A2');
    expect(formText(['02001', '09003'])).toBe('02001,09003');
    expect(initialValue(task())).toBe('');
  });

  it('prefills what was supplied when the task came back returned', () => {
    expect(
      initialValue(task({ state: 'REJECTED', suppliedValue: 'B2', input: { ...task().input, currentValue: null } })),
    ).toBe('B2');
  });
});

describe('toggleCode', () => {
  it('adds and removes one code of a multiple choice', () => {
    expect(toggleCode('', '021')).toBe('021');
    expect(toggleCode('021', '022')).toBe('021,022');
    expect(toggleCode('021,022', '021')).toBe('022');
  });
});

describe('supplyProblems', () => {
  it('asks for the value and the required photo', () => {
    expect(supplyProblems(task(), { value: ' ', evidencePhotoId: null })).toEqual({
      value: '请填写准驾车型',
      evidence: '请上传佐证材料照片',
    });
  });

  it('runs the shared field check on the value', () => {
    const problems = supplyProblems(task(), { value: 'Z9', evidencePhotoId: 'p1' });
    expect(problems.value).toBeTruthy();
    expect(problems.evidence).toBeUndefined();
    expect(supplyProblems(task(), { value: 'A2', evidencePhotoId: 'p1' })).toEqual({});
  });

  it('lets an optional photo be left out, and needs the photo of a photo-only task', () => {
    const optional = task({ input: { ...task().input, evidence: 'optional' } });
    expect(supplyProblems(optional, { value: 'A2', evidencePhotoId: null })).toEqual({});
    const portrait = task({
      field: 'portrait',
      input: { fieldKey: null, evidence: 'required', evidenceHint: null, currentValue: null },
    });
    expect(supplyProblems(portrait, { value: '', evidencePhotoId: null })).toEqual({ evidence: '请上传佐证材料照片' });
  });
});

describe('buildSupplyRequest', () => {
  it('sends the trimmed value and the photo id', () => {
    expect(buildSupplyRequest(task(), { value: ' A2 ', evidencePhotoId: 'p1' })).toEqual({
      value: 'A2',
      evidencePhotoId: 'p1',
    });
  });

  it('sends null for a photo-only task and leaves an absent photo out', () => {
    const portrait = task({ input: { fieldKey: null, evidence: 'required', evidenceHint: null, currentValue: null } });
    expect(buildSupplyRequest(portrait, { value: 'ignored', evidencePhotoId: 'p2' })).toEqual({
      value: null,
      evidencePhotoId: 'p2',
    });
    expect(buildSupplyRequest(task(), { value: 'A2', evidencePhotoId: null })).toEqual({ value: 'A2' });
  });
});

describe('placeSupplyError', () => {
  it('puts the value message under the input and the evidence one under the photo', () => {
    expect(placeSupplyError('VALIDATION_FAILED', '提交的数据有误', { value: '准驾车型格式不正确' })).toEqual({
      value: '准驾车型格式不正确',
    });
    expect(placeSupplyError('EVIDENCE_REQUIRED', '请上传佐证材料照片', undefined)).toEqual({
      evidence: '请上传佐证材料照片',
    });
  });

  it('shows anything else above the button', () => {
    expect(placeSupplyError('TASK_STATE_INVALID', '该补充事项当前状态不允许此操作', undefined)).toEqual({
      form: '该补充事项当前状态不允许此操作',
    });
    expect(placeSupplyError('VALIDATION_FAILED', '提交的数据有误', {})).toEqual({ form: '提交的数据有误' });
  });
});

describe('taskTone', () => {
  it('separates what the holder must do from what waits and what is closed', () => {
    expect(taskTone('OPEN')).toBe('todo');
    expect(taskTone('REJECTED')).toBe('returned');
    expect(taskTone('SUBMITTED')).toBe('waiting');
    expect(taskTone('CONFIRMED')).toBe('done');
    expect(taskTone('WAIVED')).toBe('done');
  });
});
