import { certificateEventKindList, certificateEventKinds } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { actorLabel, eventLabel, toEventViews } from './event-view';

describe('certificate history', () => {
  it('names known event kinds in Chinese and keeps unknown ones visible', () => {
    expect(eventLabel('ACTIVATED')).toBe('激活');
    expect(eventLabel('DATA_SUPPLEMENTED')).toBe('补传数据');
    for (const kind of certificateEventKindList) expect(eventLabel(kind)).toBe(certificateEventKinds[kind].label);
    expect(eventLabel('SOMETHING_NEW')).toBe('记录（SOMETHING_NEW）');
    expect(actorLabel('ACCOUNT')).toBe('本人');
    expect(actorLabel('广州市交通运输局')).toBe('广州市交通运输局');
  });

  it('shows the newest event first', () => {
    const views = toEventViews([
      { kind: 'ISSUED', at: '2026-05-01T02:00:00Z', actor: 'STAFF' },
      { kind: 'ACTIVATED', at: '2026-11-27T02:00:00Z', actor: 'ACCOUNT' },
    ]);
    expect(views.map((v) => v.label)).toEqual(['激活', '签发']);
    expect(views[0]).toMatchObject({ actor: '本人' });
  });
});
