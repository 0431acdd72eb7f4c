import { describe, expect, it } from 'vitest';
import { boundIdNumberMasked, realNameSummary } from './account';

const person = { id: 'h1', kind: 'PERSON' as const, nameMasked: '陈*', idNumberMasked: '4401**********2042' };
const operator = { id: 'h2', kind: 'OPERATOR' as const, nameMasked: '广州顺达物流有限公司', idNumberMasked: null };

describe('real-name status from the AccountProfile', () => {
  it("shows the server's masked ID number for a bound person (not a copy kept on the device)", () => {
    expect(boundIdNumberMasked({ holder: person })).toBe('4401**********2042');
    expect(realNameSummary({ holder: person })).toBe('已认证 · 陈*');
  });

  it('shows no ID number before binding or for an operator', () => {
    expect(boundIdNumberMasked({ holder: null })).toBeNull();
    expect(boundIdNumberMasked({ holder: operator })).toBeNull();
    expect(realNameSummary({ holder: null })).toBe('未认证');
  });
});
