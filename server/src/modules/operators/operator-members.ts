import { maskHolderName, type OperatorRole } from '@roadcert/shared';
import { AppError } from '../../errors';
import { createAuditLog, type AuditEntry } from '../../lib/audit';
import { isUuid } from '../../lib/ids';
import type { AppDeps } from '../../app';

type Actor = Pick<AuditEntry, 'actorKind' | 'actorId' | 'requestId'>;

const memberSelect = {
  id: true,
  role: true,
  grantedAt: true,
  revokedAt: true,
  account: { select: { phoneMasked: true, holder: { select: { kind: true, name: true } } } },
} as const;

type MemberRow = {
  id: string;
  role: OperatorRole;
  grantedAt: Date;
  revokedAt: Date | null;
  account: { phoneMasked: string | null; holder: { kind: 'PERSON' | 'OPERATOR'; name: string } | null };
};

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
export function createOperatorMembers(deps: AppDeps) {
  const audit = createAuditLog(deps.prisma);
  const db = deps.prisma;

  async function requireLegalRepresentative(accountId: string, operatorId: string, actor: Actor) {
    const rep = isUuid(operatorId)
      ? await db.operatorMember.findFirst({
          where: { operatorId, accountId, role: 'LEGAL_REPRESENTATIVE', revokedAt: null },
          select: { id: true },
        })
      : null;
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
      const rows = await db.operatorMember.findMany({
        where: { operatorId },
        orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { grantedAt: 'asc' }],
        select: memberSelect,
      });
      return { items: rows.map(presentMember) };
    },

    async add(
      accountId: string,
      operatorId: string,
      input: { phone: string; role: 'MANAGER' | 'VIEWER' },
      actor: Actor,
    ) {
      await requireLegalRepresentative(accountId, operatorId, actor);
      const target = await db.account.findUnique({
        where: { phoneHash: deps.fieldCrypto.blindIndex(input.phone, 'phone') },
        select: { id: true },
      });
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
      const existing = await db.operatorMember.findUnique({
        where: { operatorId_accountId: { operatorId, accountId: target.id } },
        select: { role: true },
      });
      if (target.id === accountId || existing?.role === 'LEGAL_REPRESENTATIVE') {
        throw new AppError('CONFLICT', { message: '不能修改法定代表人本人的权限' });
      }
      const now = new Date();
      const member = await db.$transaction(async (tx) => {
        const row = await tx.operatorMember.upsert({
          where: { operatorId_accountId: { operatorId, accountId: target.id } },
          create: { operatorId, accountId: target.id, role: input.role, grantedById: accountId, grantedAt: now },
          update: { role: input.role, revokedAt: null, grantedById: accountId, grantedAt: now },
          select: memberSelect,
        });
        await audit.record(
          {
            ...actor,
            action: 'operator.member_add',
            subjectType: 'operator_member',
            subjectId: row.id,
            outcome: 'OK',
            detail: { operatorId, role: input.role },
          },
          tx,
        );
        return row;
      });
      return presentMember(member);
    },

    async revoke(accountId: string, operatorId: string, memberId: string, actor: Actor) {
      await requireLegalRepresentative(accountId, operatorId, actor);
      const member = isUuid(memberId)
        ? await db.operatorMember.findFirst({
            where: { id: memberId, operatorId },
            select: { id: true, role: true, revokedAt: true },
          })
        : null;
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
      const row = await db.$transaction(async (tx) => {
        const updated = member.revokedAt
          ? await tx.operatorMember.findUniqueOrThrow({ where: { id: member.id }, select: memberSelect })
          : await tx.operatorMember.update({
              where: { id: member.id },
              data: { revokedAt: new Date() },
              select: memberSelect,
            });
        if (!member.revokedAt)
          await audit.record(
            {
              ...actor,
              action: 'operator.member_revoke',
              subjectType: 'operator_member',
              subjectId: member.id,
              outcome: 'OK',
              detail: { operatorId },
            },
            tx,
          );
        return updated;
      });
      return presentMember(row);
    },
  };
}
