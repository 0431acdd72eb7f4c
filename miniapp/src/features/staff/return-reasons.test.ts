import { applicationRequirements } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import {
  checkReturnReasons,
  emptyReturnReasons,
  rejectReasonProblem,
  returnableFields,
  setReturnReason,
  toggleReturnField,
} from './return-reasons';

const d071 = {
  typeCode: 'D071',
  kind: 'CONVERSION' as const,
  requirements: applicationRequirements('D071', 'CONVERSION'),
};
const fields = returnableFields(d071);

describe('returnableFields', () => {
  it('offers the fields the holder can correct, and the photo when the kind needs one', () => {
    expect(fields).toEqual([
      { key: 'qualificationCategories', label: '从业资格类别' },
      { key: 'licenceClasses', label: '准驾车型' },
      { key: 'firstIssuedDate', label: '初领日期' },
      { key: 'photo', label: '证件照' },
    ]);
  });

  it('leaves the photo out when the kind needs none (变更), and adds the statement for 补发', () => {
    expect(
      returnableFields({ ...d071, kind: 'CHANGE', requirements: applicationRequirements('D071', 'CHANGE') }).map(
        (f) => f.key,
      ),
    ).not.toContain('photo');
    expect(
      returnableFields({ ...d071, kind: 'REISSUE', requirements: applicationRequirements('D071', 'REISSUE') }).map(
        (f) => f.key,
      ),
    ).toContain('lossStatement');
  });
});

describe('return reason form', () => {
  it('needs at least one field', () => {
    expect(checkReturnReasons(emptyReturnReasons, fields)).toEqual({
      ok: false,
      message: '请至少选择一项需要补正的内容',
      fieldErrors: {},
    });
  });

  it('needs a reason for every field picked, named in the error', () => {
    let state = toggleReturnField(emptyReturnReasons, 'licenceClasses');
    state = toggleReturnField(state, 'photo');
    state = setReturnReason(state, 'licenceClasses', '  与驾驶证不一致 ');
    state = setReturnReason(state, 'photo', '   ');
    const check = checkReturnReasons(state, fields);
    expect(check).toEqual({
      ok: false,
      message: '请为每一项填写退回原因',
      fieldErrors: { photo: '请填写“证件照”的退回原因' },
    });
  });

  it('sends the trimmed reasons of the picked fields only', () => {
    let state = toggleReturnField(emptyReturnReasons, 'licenceClasses');
    state = setReturnReason(state, 'licenceClasses', ' 与驾驶证不一致 ');
    state = toggleReturnField(state, 'photo');
    state = setReturnReason(state, 'photo', '背景不是白色');
    state = setReturnReason(state, 'firstIssuedDate', '写了但没勾选');
    expect(checkReturnReasons(state, fields)).toEqual({
      ok: true,
      body: { reasons: { licenceClasses: '与驾驶证不一致', photo: '背景不是白色' } },
    });
  });

  it('unticking keeps the text, so ticking again brings it back', () => {
    let state = toggleReturnField(emptyReturnReasons, 'photo');
    state = setReturnReason(state, 'photo', '模糊');
    state = toggleReturnField(state, 'photo');
    expect(state.selected).toEqual([]);
    state = toggleReturnField(state, 'photo');
    expect(checkReturnReasons(state, fields)).toEqual({ ok: true, body: { reasons: { photo: '模糊' } } });
  });

  it('refuses a reason over 200 characters', () => {
    const state = setReturnReason(toggleReturnField(emptyReturnReasons, 'photo'), 'photo', '长'.repeat(201));
    expect(checkReturnReasons(state, fields)).toMatchObject({ ok: false, fieldErrors: { photo: '原因不超过200字' } });
  });
});

describe('rejectReasonProblem', () => {
  it('needs a reason of at most 500 characters', () => {
    expect(rejectReasonProblem('  ')).toBe('请填写不予许可的理由');
    expect(rejectReasonProblem('x'.repeat(501))).toBe('理由不超过500字');
    expect(rejectReasonProblem('不符合许可条件')).toBeNull();
  });
});
