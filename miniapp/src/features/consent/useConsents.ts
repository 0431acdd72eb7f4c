import { consentTexts, type ConsentKind } from '@roadcert/shared';
import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { confirm, toastSuccess } from '../../lib/feedback';
import { useRemote } from '../../hooks/useRemote';
import { fetchAccount } from '../account/api';
import { followSignInNavigation } from '../session/error-navigation';
import { grantConsent, withdrawConsent } from './api';
import { acceptPrivacyPolicy } from './local-privacy';

/** 隐私与授权: what was agreed to (and in which version), agreeing and withdrawing. */
export function useConsents() {
  const account = useRemote(fetchAccount, followSignInNavigation);
  const [pendingKind, setPendingKind] = useState<ConsentKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function change(kind: ConsentKind, action: () => Promise<void>, done: string): Promise<void> {
    setPendingKind(kind);
    setError(null);
    try {
      await action();
      toastSuccess(done);
      await account.reload();
    } catch (cause) {
      const apiError = toApiError(cause);
      if (!followSignInNavigation(apiError)) setError(apiError.message);
    } finally {
      setPendingKind(null);
    }
  }

  function grant(kind: ConsentKind): Promise<void> {
    return change(
      kind,
      async () => {
        await grantConsent(kind);
        if (kind === 'PRIVACY_POLICY') acceptPrivacyPolicy();
      },
      '已同意',
    );
  }

  async function withdraw(kind: ConsentKind): Promise<void> {
    const sure = await confirm({
      title: '撤回同意',
      content: `确定撤回对《${consentTexts[kind].title}》的同意吗？撤回不影响撤回前已进行的处理，之后需要时会再次征求您的同意。`,
      confirmText: '撤回',
      danger: true,
    });
    if (!sure) return;
    await change(kind, () => withdrawConsent(kind), '已撤回');
  }

  return { account, pendingKind, error, grant, withdraw };
}
