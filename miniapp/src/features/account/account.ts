import { operatorRoleLabels, type OperatorRole } from '@roadcert/shared';
import type { Account } from './api';

/** Whether a passed face verification still allows activation at `now`. */
export function isFaceVerified(account: Pick<Account, 'faceVerifiedUntil'>, now: Date): boolean {
  if (!account.faceVerifiedUntil) return false;
  const until = new Date(account.faceVerifiedUntil).getTime();
  return Number.isFinite(until) && until > now.getTime();
}

/** Operators this account represents legally (may activate the operator and manage its staff). */
export function representedOperators(account: Pick<Account, 'operators'>): Account['operators'] {
  return account.operators.filter((operator) => operator.role === 'LEGAL_REPRESENTATIVE');
}

export function roleLabel(role: OperatorRole): string {
  return operatorRoleLabels[role];
}

/** Greeting line: the bound holder's masked name, else the masked phone, else nothing personal. */
export function greetingName(account: Pick<Account, 'holder' | 'phoneMasked'>): string | null {
  return account.holder?.nameMasked ?? account.phoneMasked ?? null;
}

/** The bound person's masked citizen ID number from the server (`holder.idNumberMasked`); null for none or an operator. */
export function boundIdNumberMasked(account: Pick<Account, 'holder'>): string | null {
  return account.holder?.kind === 'PERSON' ? account.holder.idNumberMasked : null;
}

/** 我的 → 实名认证 value: 已认证 with the masked name, or 未认证 (the masked ID number is in the header above). */
export function realNameSummary(account: Pick<Account, 'holder'>): string {
  return account.holder ? `已认证 · ${account.holder.nameMasked}` : '未认证';
}
