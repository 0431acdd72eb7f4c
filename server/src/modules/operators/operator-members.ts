import { maskHolderName } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { AuditEntry } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import type { OperatorsModule } from './operators.module';
import type { MemberRow } from './operators.repo';

type Actor = Pick<AuditEntry, 'actorKind' | 'actorId' | 'requestId'>;

export function presentMember(m: MemberRow) {
  return {
    id: m.id,
    phoneMasked: m.account.phoneMasked,
    nameMasked: m.account.holder ? maskHolderName(m.account.holder.kind, m.account.holder.name) : null,
    role: m.role,
    grantedAt: m.grantedAt.toISOString(),
    revokedAt: m.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Staff of an operator, managed by its legal representative only: authorise an account
 * that has signed in at least once (found by its phone's blind index) as MANAGER or
 * VIEWER, change its role, revoke it. Anyone else asking about an operator, and any
 * id that is not this operator's member, gets 404 and an audit record.
 */
export function createOperatorMembers({ fieldCrypto, data, audit }: OperatorsModule) {
  const { operators, accounts } = data.repos;

  async function requireLegalRepresentative(accountId: string, operatorId: string, actor: Actor) {
    const rep = isUuid(operatorId) ? await operators.findLiveLegalRepresentative(operatorId, accountId) : null;
    if (!rep) {
      await audit.record({
        ...actor,
        action: 'operator.access_denied',
        subjectType: 'holder',
        subjectId: operatorId,
        outcome: 'DENIED',
        detail: { need: 'manage_members' },
      });
      throw new AppError('NOT_FOUND');
    }
  }

  return {
    async list(accountId: string, operatorId: string, actor: Actor) {
      await requireLegalRepresentative(accountId, operatorId, actor);
      const rows = await operators.listMembers(operatorId);
      return { items: rows.map(presentMember) };
    },

    async add(
      accountId: string,
      operatorId: string,
      input: { phone: string; role: 'MANAGER' | 'VIEWER' },
      actor: Actor,
    ) {
      await requireLegalRepresentative(accountId, operatorId, actor);
      const target = await accounts.findIdByPhoneHash(fieldCrypto.blindIndexes(input.phone, 'phone'));
      if (!target) {
        await audit.record({
          ...actor,
          action: 'operator.member_add',
          subjectType: 'holder',
          subjectId: operatorId,
          outcome: 'FAILED',
          detail: { reason: 'account_unknown', role: input.role },
        });
        throw new AppError('NOT_FOUND', {
          message: '该手机号尚未登录过本服务，请对方先用该手机号登录一次后再添加',
          fields: { phone: '未找到使用该手机号登录过的用户' },
        });
      }
      const existing = await operators.findMembership(operatorId, target.id);
      if (target.id === accountId || existing?.role === 'LEGAL_REPRESENTATIVE') {
        throw new AppError('CONFLICT', { message: '不能修改法定代表人本人的权限' });
      }
      const now = new Date();
      // A live member whose role changes loses the tokens fetched under the old role (a
      // MANAGER made VIEWER must not keep presenting for up to a batch, 72 h).
      const roleChanged = existing !== null && existing.revokedAt === null && existing.role !== input.role;
      const member = await data.transaction(async (r) => {
        const row = await r.operators.grantMember(operatorId, target.id, {
          role: input.role,
          grantedById: accountId,
          grantedAt: now,
        });
        const tokensInvalidated = roleChanged ? await r.operators.bumpPresentationEpochs(operatorId) : 0;
        await audit.record(
          {
            ...actor,
            action: 'operator.member_add',
            subjectType: 'operator_member',
            subjectId: row.id,
            outcome: 'OK',
            detail: {
              operatorId,
              role: input.role,
              ...(roleChanged
                ? { previousRole: existing?.role ?? null, certificatesEpochBumped: tokensInvalidated }
                : {}),
            },
          },
          r.tx,
        );
        return row;
      });
      return presentMember(member);
    },

    async revoke(accountId: string, operatorId: string, memberId: string, actor: Actor) {
      await requireLegalRepresentative(accountId, operatorId, actor);
      const member = isUuid(memberId) ? await operators.findMember(operatorId, memberId) : null;
      if (!member) {
        await audit.record({
          ...actor,
          action: 'operator.access_denied',
          subjectType: 'operator_member',
          subjectId: memberId,
          outcome: 'DENIED',
          detail: { operatorId, need: 'revoke_member' },
        });
        throw new AppError('NOT_FOUND');
      }
      if (member.role === 'LEGAL_REPRESENTATIVE')
        throw new AppError('CONFLICT', { message: '法定代表人的权限不能在此撤销' });
      const row = await data.transaction(async (r) => {
        if (member.revokedAt) return r.operators.getMember(member.id);
        const updated = await r.operators.revokeMember(member.id, new Date());
        // Access ends with the next request, but tokens already fetched would verify for up
        // to a batch (72 h): bump the epoch of the operator's certificates (everyone else
        // who presents them just fetches a new batch).
        const certificatesEpochBumped = await r.operators.bumpPresentationEpochs(operatorId);
        await audit.record(
          {
            ...actor,
            action: 'operator.member_revoke',
            subjectType: 'operator_member',
            subjectId: member.id,
            outcome: 'OK',
            detail: { operatorId, role: member.role, certificatesEpochBumped },
          },
          r.tx,
        );
        return updated;
      });
      return presentMember(row);
    },
  };
}
