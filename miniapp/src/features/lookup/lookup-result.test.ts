import type { LookupResult } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { lookupErrorMessage, replacedExplanation, toLookupResultView } from './lookup-result';

const result = (overrides: Partial<LookupResult>): LookupResult => ({
  found: true,
  typeCode: 'D071',
  typeName: '道路运输从业人员从业资格证',
  status: 'VALID',
  statusLabel: '有效',
  valid: true,
  carrier: 'PAPER',
  validFrom: '2022-11-27',
  validUntil: '2028-11-27',
  replacedByElectronic: false,
  message: '证照有效',
  checkedAt: '2026-11-27T02:00:00.000Z',
  ...overrides,
});

describe('lookup result', () => {
  it('shows status and validity of a match', () => {
    const view = toLookupResultView(result({}));
    expect(view).toMatchObject({
      headline: '道路运输从业人员从业资格证',
      validity: '有效期至 2028年11月27日',
      validFrom: '2022年11月27日起',
      replacedNote: null,
    });
    expect(view.status).toMatchObject({ label: '有效', tone: 'valid' });
  });

  it('explains 已换发电子证照 for a replaced paper number', () => {
    // The server reports the electronic certificate that replaced the paper one.
    const view = toLookupResultView(
      result({
        carrier: 'ELECTRONIC',
        replacedByElectronic: true,
        message: '该证号的纸质或IC卡证已换发电子证照。证照有效',
      }),
    );
    expect(view.status).toMatchObject({ label: '有效', tone: 'valid' });
    expect(view.replacedNote).toBe(replacedExplanation);
    expect(toLookupResultView(result({})).replacedNote).toBeNull();
  });

  it('never shows a VALID certificate past its end date as valid', () => {
    const view = toLookupResultView(result({ valid: false, validUntil: '2020-01-01', message: '证照已过有效期' }));
    expect(view.status).toMatchObject({ label: '有效', tone: 'invalid', symbol: '✕' });
  });

  it('says nothing about whom a number belongs to when nothing matched', () => {
    const view = toLookupResultView(
      result({
        found: false,
        status: null,
        statusLabel: null,
        valid: false,
        validFrom: null,
        validUntil: null,
        carrier: null,
        message: '未查到与证号和姓名匹配的证照',
      }),
    );
    expect(view).toEqual({
      headline: '未查到匹配的证照',
      status: null,
      validity: null,
      validFrom: null,
      message: '未查到与证号和姓名匹配的证照',
      replacedNote: null,
    });
  });

  it('turns the rate limit into minutes', () => {
    const limited = (retryAfterSeconds?: number) =>
      new ApiError({ code: 'RATE_LIMITED', status: 429, message: '操作过于频繁，请稍后再试', retryAfterSeconds });
    expect(lookupErrorMessage(limited(600))).toBe('查询次数过多，为保护持证人信息，请10分钟后再试。');
    expect(lookupErrorMessage(limited(30))).toBe('查询次数过多，为保护持证人信息，请30秒后再试。');
    expect(lookupErrorMessage(limited())).toBe('查询次数过多，请稍后再试。');
    expect(lookupErrorMessage(new ApiError({ code: 'NETWORK', status: 0, message: '网络连接失败' }))).toBe(
      '网络连接失败',
    );
  });
});
