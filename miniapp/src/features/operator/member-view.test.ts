import { describe, expect, it } from 'vitest';
import type { OperatorMember } from './api';
import { sortMembers, toMemberView } from './member-view';

function member(overrides: Partial<OperatorMember>): OperatorMember {
  return {
    id: 'm',
    phoneMasked: '139****9001',
    nameMasked: null,
    role: 'VIEWER',
    grantedAt: '2026-11-20T01:00:00Z',
    revokedAt: null,
    ...overrides,
  };
}

describe('operator members', () => {
  it('labels roles in Chinese and lets only active staff grants be revoked', () => {
    expect(toMemberView(member({ role: 'MANAGER' }))).toMatchObject({
      roleLabel: '经办人（可办理）',
      revocable: true,
      who: '139****9001',
      phone: null,
    });
    expect(toMemberView(member({ role: 'LEGAL_REPRESENTATIVE', nameMasked: '黄**' }))).toMatchObject({
      roleLabel: '法定代表人',
      revocable: false,
      who: '黄**',
      phone: '139****9001',
    });
    expect(toMemberView(member({ revokedAt: '2026-11-21T00:00:00Z' }))).toMatchObject({
      revoked: true,
      revocable: false,
    });
  });

  it('lists the legal representative first, revoked grants last', () => {
    const sorted = sortMembers([
      member({ id: 'revoked', revokedAt: '2026-11-21T00:00:00Z', grantedAt: '2026-11-01T00:00:00Z' }),
      member({ id: 'viewer', grantedAt: '2026-11-22T00:00:00Z' }),
      member({ id: 'rep', role: 'LEGAL_REPRESENTATIVE', grantedAt: '2026-11-23T00:00:00Z' }),
    ]);
    expect(sorted.map((m) => m.id)).toEqual(['rep', 'viewer', 'revoked']);
  });
});
