import { describe, expect, it } from 'vitest';
import {
  confirmText,
  initialInvitationForm,
  invitationFilter,
  invitationTypeOptions,
  previewLines,
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
