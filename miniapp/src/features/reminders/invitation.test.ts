import { describe, expect, it } from 'vitest';
import {
  confirmText,
  initialInvitationForm,
  invitationFilter,
  invitationTypeOptions,
  previewLines,
  runInProgress,
  runView,
  sameFilter,
  toggleCarrier,
} from './invitation';

const preview = {
  certificates: 1234,
  holders: 1200,
  bySms: 1000,
  byWechat: 150,
  inAppOnly: 50,
  smsText: '【道路运输电子证照】您可换领电子证照，手机即可亮证：http://x/s/Ab3dE6',
};

describe('换领邀请 form', () => {
  it('offers the nine registry types, 从业资格证 first chosen, both carriers', () => {
    expect(invitationTypeOptions).toHaveLength(9);
    expect(invitationTypeOptions[0]).toEqual({ value: 'D071', label: '从业资格证' });
    expect(invitationFilter(initialInvitationForm)).toEqual({
      filter: { typeCode: 'D071', carriers: ['PAPER', 'IC_CARD'] },
    });
  });

  it('checks the area prefix and the carriers in words', () => {
    expect(invitationFilter({ ...initialInvitationForm, areaPrefix: '441' }).errors?.areaPrefix).toMatch(/2、4或6位/);
    expect(invitationFilter({ ...initialInvitationForm, areaPrefix: ' 4401 ' }).filter?.areaPrefix).toBe('4401');
    const none = toggleCarrier(toggleCarrier(initialInvitationForm, 'PAPER'), 'IC_CARD');
    expect(invitationFilter(none).errors?.carriers).toBe('请至少选择一种载体');
    expect(invitationFilter(toggleCarrier(none, 'IC_CARD')).filter?.carriers).toEqual(['IC_CARD']);
  });

  it('a preview belongs to its filter only', () => {
    const a = { typeCode: 'D071', carriers: ['PAPER', 'IC_CARD'] } as const;
    expect(sameFilter({ ...a, carriers: [...a.carriers] }, { ...a, carriers: ['IC_CARD', 'PAPER'] })).toBe(true);
    expect(sameFilter({ ...a, carriers: ['PAPER'] }, { ...a, carriers: ['PAPER', 'IC_CARD'] })).toBe(false);
    expect(sameFilter({ ...a, carriers: ['PAPER'], areaPrefix: '44' }, { ...a, carriers: ['PAPER'] })).toBe(false);
  });

  it('says who it reaches and asks before sending', () => {
    expect(previewLines(preview)[0]).toBe('符合条件的证照 1,234 本，持证人 1,200 人');
    expect(confirmText({ typeCode: 'D071', carriers: ['PAPER'], areaPrefix: '4401' }, preview)).toBe(
      '将向地区 4401 持有纸质证「从业资格证」的 1,200 人发送换领邀请（其中短信 1,000 条）。发送后不能撤回。',
    );
  });
});

describe('invitation runs (progress)', () => {
  const run = {
    id: '0193a1b2-0000-7000-8000-000000000001',
    state: 'RUNNING' as const,
    typeCode: 'D071',
    carriers: ['PAPER' as const, 'IC_CARD' as const],
    areaPrefix: '44',
    previewCount: 533_334,
    total: 533_334,
    processed: 200_000,
    queued: 199_990,
    sms: 180_000,
    wechat: 1_000,
    error: null,
    createdAt: '2026-12-03T10:04:05.000Z',
    startedAt: '2026-12-03T10:04:06.000Z',
    finishedAt: null,
  };

  it('shows how far a run is, with its figures, until DONE', () => {
    const view = runView(run);
    expect(view.percent).toBe(37);
    expect(view.state).toBe('写入中');
    expect(view.progress).toBe('已处理 200,000 / 533,334 本证照（37%）');
    expect(view.figures).toContain('新加入提醒 199,990 条：短信 180,000 · 微信 1,000');
    expect(view.when).toBe('12-03 18:04 发起');
    expect(runInProgress(run)).toBe(true);
    const done = runView({ ...run, state: 'DONE', processed: 533_334, finishedAt: '2026-12-03T10:05:30.000Z' });
    expect([done.percent, done.state, done.when]).toEqual([100, '已完成', '12-03 18:04 发起，12-03 18:05 完成']);
    expect(runInProgress({ ...run, state: 'DONE' })).toBe(false);
  });

  it('a queued run counts against the preview until the job has counted its total; an empty one is 0 %', () => {
    expect(runView({ ...run, state: 'QUEUED', total: null, processed: 0 }).progress).toBe(
      '已处理 0 / 533,334 本证照（0%）',
    );
    expect(runView({ ...run, total: 0, previewCount: 0, processed: 0 }).percent).toBe(0);
  });
});
