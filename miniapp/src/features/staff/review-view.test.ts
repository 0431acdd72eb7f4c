import { applicationRequirements, type StaffApplicationDetail } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { compareRows, photoOf, reviewActions, timelineRows } from './review-view';

/** A 从业资格证 conversion: the holder changed 准驾车型 A2 → A1 and filled in 从业资格类别. */
function conversionDetail(overrides: Partial<StaffApplicationDetail> = {}): StaffApplicationDetail {
  return {
    id: 'app-1',
    typeCode: 'D071',
    typeName: '道路运输从业人员从业资格证',
    kind: 'CONVERSION',
    kindLabel: '纸质/IC卡证换领电子证',
    state: 'SUBMITTED',
    stateLabel: '已提交',
    baseCertificateId: 'cert-1',
    issuedCertificateId: null,
    areaCode: '440106',
    createdAt: '2026-11-20T01:00:00.000Z',
    submittedAt: '2026-11-20T02:00:00.000Z',
    decidedAt: null,
    formData: {
      holderName: '张伟',
      idNumberMasked: '4401**********4518',
      baseNumberMasked: '4401**********4518',
      baseIssuingAuthority: '广州市交通运输局',
      qualificationCategories: '02001',
      licenceClasses: 'A1',
      firstIssuedDate: '2009-05-20',
      photoId: 'p-1',
    },
    returnReasons: null,
    rejectReason: null,
    requirements: applicationRequirements('D071', 'CONVERSION'),
    timeline: [
      {
        fromState: null,
        toState: 'DRAFT',
        label: '草稿',
        actorKind: 'ACCOUNT',
        note: null,
        at: '2026-11-20T01:00:00.000Z',
      },
      {
        fromState: 'DRAFT',
        toState: 'SUBMITTED',
        label: '已提交',
        actorKind: 'ACCOUNT',
        note: null,
        at: '2026-11-20T02:00:00.000Z',
      },
    ],
    revision: 2,
    photo: null,
    photoRequired: true,
    holderName: '张*',
    diff: [
      { field: 'licenceClasses', current: 'A2', proposed: 'A1' },
      { field: 'qualificationCategories', current: ['02001'], proposed: '02001' },
    ],
    ...overrides,
  };
}

describe('compareRows', () => {
  it('puts the form values beside the record in the form order, marking what differs', () => {
    const { rows, facts, hasBase, changedCount } = compareRows(
      conversionDetail({ diff: [{ field: 'licenceClasses', current: 'A2', proposed: 'A1' }] }),
    );
    expect(hasBase).toBe(true);
    expect(changedCount).toBe(1);
    expect(rows.map((row) => row.key)).toEqual(['qualificationCategories', 'licenceClasses', 'firstIssuedDate', 'sex']);
    expect(rows.find((row) => row.key === 'licenceClasses')).toEqual({
      key: 'licenceClasses',
      label: '准驾车型',
      proposed: 'A1',
      current: 'A2',
      changed: true,
      returnReason: null,
    });
    // Compared and equal: the same value on both sides.
    expect(rows.find((row) => row.key === 'firstIssuedDate')).toMatchObject({
      proposed: '2009-05-20',
      current: '2009-05-20',
      changed: false,
    });
    // Not in the form: nothing to claim about the record.
    expect(rows.find((row) => row.key === 'sex')).toMatchObject({ proposed: '未填写', current: null, changed: false });
    // Record facts apart, the photo id nowhere.
    expect(facts.map((fact) => fact.label)).toEqual(['姓名', '身份证号', '原证号', '原发证机关']);
    expect(rows.some((row) => row.key === 'photoId' || row.key === 'holderName')).toBe(false);
  });

  it('reads codes with their names and array values from the record', () => {
    const row = compareRows(conversionDetail()).rows.find((r) => r.key === 'qualificationCategories')!;
    expect(row.changed).toBe(true);
    expect(row.proposed).toMatch(/^02001 /);
    expect(row.current).toBe(row.proposed);
  });

  it('has no record column without a base certificate (申领)', () => {
    const { rows, hasBase, changedCount } = compareRows(
      conversionDetail({ kind: 'INITIAL', baseCertificateId: null, diff: [] }),
    );
    expect(hasBase).toBe(false);
    expect(changedCount).toBe(0);
    expect(rows.every((row) => row.current === null)).toBe(true);
  });

  it('shows the kind’s own fields and keeps fields the type does not declare, uncompared', () => {
    const { rows } = compareRows(
      conversionDetail({ kind: 'REISSUE', diff: [], formData: { lossStatement: '在白云区遗失', extra: 3 } }),
    );
    expect(rows.find((row) => row.key === 'lossStatement')).toMatchObject({
      label: '遗失或损毁情况说明',
      proposed: '在白云区遗失',
      current: null,
    });
    expect(rows.find((row) => row.key === 'extra')).toMatchObject({ label: 'extra', proposed: '3', current: null });
  });

  it('carries the earlier return reason of a field', () => {
    const { rows } = compareRows(conversionDetail({ returnReasons: { licenceClasses: '与驾驶证不一致' } }));
    expect(rows.find((row) => row.key === 'licenceClasses')?.returnReason).toBe('与驾驶证不一致');
    expect(rows.find((row) => row.key === 'firstIssuedDate')?.returnReason).toBeNull();
  });
});

describe('reviewActions', () => {
  it('offers 开始审核 only on a submitted application, decisions on submitted and in-review ones', () => {
    expect(reviewActions('SUBMITTED')).toEqual({ startReview: true, decide: true });
    expect(reviewActions('IN_REVIEW')).toEqual({ startReview: false, decide: true });
    for (const state of ['DRAFT', 'RETURNED', 'REJECTED', 'APPROVED', 'ISSUED'] as const)
      expect(reviewActions(state)).toEqual({ startReview: false, decide: false });
  });
});

describe('timelineRows', () => {
  it('lists the newest step first, with who did it', () => {
    const rows = timelineRows(conversionDetail().timeline);
    expect(rows.map((row) => `${row.label}/${row.actor}`)).toEqual(['已提交/申请人', '草稿/申请人']);
    expect(rows[0]?.at).toMatch(/2026年11月20日 \d\d:\d\d/);
  });
});

describe('photoOf', () => {
  it('reads the attached photo when the detail carries one', () => {
    expect(photoOf({ photo: { id: 'p', url: '/files/a.jpg', originalUrl: '/files/o.jpg' } })).toEqual({
      url: '/files/a.jpg',
      originalUrl: '/files/o.jpg',
    });
    expect(photoOf({ photo: { id: 'p', url: '/files/a.jpg' } })).toEqual({ url: '/files/a.jpg', originalUrl: null });
  });

  it('is null without a usable photo', () => {
    expect(photoOf({})).toBeNull();
    expect(photoOf({ photo: null })).toBeNull();
    expect(photoOf({ photo: { id: 'p', url: '' } })).toBeNull();
    expect(photoOf(null)).toBeNull();
  });
});
