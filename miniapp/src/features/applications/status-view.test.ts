import { describe, expect, it } from 'vitest';
import { canEdit, listTarget, readableNote, returnedFields, stateView, timelineViews } from './status-view';

describe('application status view', () => {
  it('says what each state asks of the holder', () => {
    expect(stateView('SUBMITTED')).toMatchObject({ label: '已提交', tone: 'progress' });
    expect(stateView('RETURNED')).toMatchObject({ label: '已退回补正', tone: 'action' });
    expect(stateView('REJECTED').tone).toBe('refused');
    expect(stateView('ISSUED')).toMatchObject({ label: '已发证', tone: 'done' });
  });

  it('lists each returned field with its label, current value and reason', () => {
    const fields = returnedFields({
      typeCode: 'D071',
      kind: 'CONVERSION',
      returnReasons: { licenceClasses: '与驾驶证不符，请核对', photoId: '照片背景不是白色' },
      formData: { licenceClasses: 'A2' },
    });
    expect(fields).toEqual([
      { key: 'licenceClasses', label: '准驾车型', reason: '与驾驶证不符，请核对', value: 'A2' },
      { key: 'photoId', label: '证件照', reason: '照片背景不是白色', value: '' },
    ]);
    expect(returnedFields({ typeCode: 'D071', kind: 'CONVERSION', returnReasons: null, formData: {} })).toEqual([]);
  });

  it('shows the timeline newest first, with who acted and the note', () => {
    const views = timelineViews([
      {
        fromState: null,
        toState: 'DRAFT',
        label: '创建草稿',
        actorKind: 'ACCOUNT',
        note: null,
        at: '2026-11-27T08:00:00.000Z',
      },
      {
        fromState: 'SUBMITTED',
        toState: 'RETURNED',
        label: '退回补正',
        actorKind: 'STAFF',
        note: '请核对准驾车型',
        at: '2026-11-27T09:00:00.000Z',
      },
    ]);
    expect(views.map((view) => [view.label, view.actor, view.note])).toEqual([
      ['退回补正', '工作人员', '请核对准驾车型'],
      ['创建草稿', '本人', null],
    ]);
  });

  it('names returned fields by their labels in the timeline note, leaving unknown keys and plain text alone', () => {
    expect(readableNote('licenceClasses：与驾驶证不符；photoId：背景不是白色', 'D071', 'CONVERSION')).toBe(
      '准驾车型：与驾驶证不符；证件照：背景不是白色',
    );
    expect(readableNote('lossStatement：请写明时间：地点', 'D071', 'REISSUE')).toBe(
      '遗失或损毁情况说明：请写明时间：地点',
    );
    expect(readableNote('mystery：原因', 'D071', 'CONVERSION')).toBe('mystery：原因');
    expect(readableNote('补正后重新提交', 'D071', 'CONVERSION')).toBe('补正后重新提交');
    expect(readableNote(null, 'D071', 'CONVERSION')).toBeNull();
    const [entry] = timelineViews(
      [
        {
          fromState: 'SUBMITTED',
          toState: 'RETURNED',
          label: '已退回补正',
          actorKind: 'STAFF',
          note: 'lossStatement：写清楚',
          at: '2026-11-27T09:00:00.000Z',
        },
      ],
      undefined,
      { typeCode: 'D071', kind: 'REISSUE' },
    );
    expect(entry?.note).toBe('遗失或损毁情况说明：写清楚');
  });

  it('reopens the form only for drafts and returned applications; a draft in the list opens its form', () => {
    expect(['DRAFT', 'RETURNED'].every((state) => canEdit(state as 'DRAFT'))).toBe(true);
    expect(canEdit('SUBMITTED')).toBe(false);
    expect(listTarget({ state: 'DRAFT' })).toBe('form');
    expect(listTarget({ state: 'RETURNED' })).toBe('status');
  });
});
