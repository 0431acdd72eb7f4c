import { operatorMemberAddSchema } from '@roadcert/shared';
import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { toastSuccess } from '../../lib/feedback';
import { validateForm, type FieldErrors } from '../../lib/validation';
import { useRemote } from '../../hooks/useRemote';
import { followErrorNavigation } from '../session/error-navigation';
import { useConfirmedRemoval } from './useConfirmedRemoval';
import { phoneInput } from '../sign-in/digits';
import { addOperatorMember, fetchOperatorMembers, revokeOperatorMember } from './api';
import type { MemberView } from './member-view';

export type GrantableRole = 'MANAGER' | 'VIEWER';

/** One operator's staff: the list, adding by phone number + role, revoking with confirmation. */
export function useOperatorMembers(operatorId: string) {
  const members = useRemote(
    () => fetchOperatorMembers(operatorId),
    (error) => followErrorNavigation(error),
  );
  const [phone, setPhone] = useState('');
  // Least privilege by default: view only, unless the representative picks 可办理.
  const [role, setRole] = useState<GrantableRole>('VIEWER');
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [listError, setListError] = useState<string | null>(null);

  async function add(): Promise<void> {
    if (adding) return;
    const checked = validateForm(operatorMemberAddSchema, { phone, role });
    if (!checked.ok) {
      setFields(checked.fields);
      return;
    }
    setFields({});
    setFormError(null);
    setAdding(true);
    try {
      await addOperatorMember(operatorId, checked.value);
      setPhone('');
      toastSuccess('已添加授权');
      await members.reload();
    } catch (cause) {
      const error = toApiError(cause);
      if (followErrorNavigation(error)) return;
      if (error.fields && Object.keys(error.fields).length > 0) setFields({ ...error.fields });
      else setFormError(error.message);
    } finally {
      setAdding(false);
    }
  }

  const revoking = useConfirmedRemoval<MemberView>({
    dialog: (member) => ({
      title: '撤销授权',
      content: `确定撤销“${member.who}”的${member.roleLabel}授权吗？撤销后对方将无法查看或办理本企业的证照。`,
      confirmText: '撤销',
    }),
    remove: (member) => revokeOperatorMember(operatorId, member.id),
    success: '已撤销授权',
    reload: () => members.reload(),
    onError: setListError,
  });

  return {
    members,
    phone,
    setPhone: (value: string) => setPhone(phoneInput(value)),
    role,
    setRole,
    fields,
    formError,
    adding,
    add,
    revokingId: revoking.removingId,
    listError,
    revoke: revoking.removeItem,
  };
}
