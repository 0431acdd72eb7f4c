import { Text, View } from '@tarojs/components';
import { operatorRoleLabels } from '@roadcert/shared';
import { Card, FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { fieldError } from '../../../lib/validation';
import { sortMembers, toMemberView, type MemberView } from '../member-view';
import { useOperatorMembers, type GrantableRole } from '../useOperatorMembers';
import './operator.scss';

type Members = ReturnType<typeof useOperatorMembers>;

const GRANTABLE: { role: GrantableRole; hint: string }[] = [
  { role: 'VIEWER', hint: '只能查看本企业证照' },
  { role: 'MANAGER', hint: '可查看并办理本企业证照业务' },
];

function MemberRow({ member, revoking, onRevoke }: { member: MemberView; revoking: boolean; onRevoke: () => void }) {
  return (
    <View className={member.revoked ? 'member member--revoked' : 'member'}>
      <View className="member__head">
        <Text className="member__who">{member.who}</Text>
        <Text className="member__role">{member.revoked ? `${member.roleLabel} · 已撤销` : member.roleLabel}</Text>
      </View>
      {member.phone ? <Text className="member__meta">{`手机号：${member.phone}`}</Text> : null}
      <Text className="member__meta">{`授权时间：${member.granted}`}</Text>
      {member.revocable ? (
        <Button
          className="member__revoke"
          size="normal"
          type="danger"
          fill="outline"
          loading={revoking}
          onClick={onRevoke}
        >
          撤销授权
        </Button>
      ) : null}
    </View>
  );
}

function RoleChoice({ value, onChange }: { value: GrantableRole; onChange: (role: GrantableRole) => void }) {
  return (
    <View className="rc-field">
      <Text className="rc-field__label">授权类型</Text>
      <View className="role-choice" role="radiogroup" aria-label="授权类型">
        {GRANTABLE.map(({ role, hint }) => (
          <View
            key={role}
            className={value === role ? 'role-choice__option role-choice__option--on' : 'role-choice__option'}
            role="radio"
            aria-checked={value === role}
            onClick={() => onChange(role)}
          >
            <Text className="role-choice__label">{`${value === role ? '● ' : '○ '}${operatorRoleLabels[role]}`}</Text>
            <Text className="role-choice__hint">{hint}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function AddMemberForm({ members }: { members: Members }) {
  return (
    <View className="operator__add">
      <Text className="operator__subtitle">添加员工授权</Text>
      <TextField
        label="员工手机号"
        type="number"
        value={members.phone}
        onChange={members.setPhone}
        placeholder="员工登录本服务使用的手机号"
        maxlength={11}
        error={fieldError(members.fields, 'phone')}
      />
      <RoleChoice value={members.role} onChange={members.setRole} />
      <FormError message={members.formError} />
      <Button type="primary" size="large" block loading={members.adding} onClick={() => void members.add()}>
        添加授权
      </Button>
    </View>
  );
}

/** One operator the account represents: its staff with roles, and adding / revoking them. */
export function OperatorMembersCard({ operatorId, name }: { operatorId: string; name: string }) {
  const members = useOperatorMembers(operatorId);
  const { state, reload } = members.members;
  return (
    <Card title={name}>
      <Text className="operator__subtitle">员工授权</Text>
      {state.status === 'loading' ? <LoadingCards count={1} /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      <FormError message={members.listError} />
      {state.status === 'ready'
        ? sortMembers(state.data)
            .map((member) => toMemberView(member, new Date()))
            .map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                revoking={members.revokingId === member.id}
                onRevoke={() => void members.revoke(member)}
              />
            ))
        : null}
      {state.status === 'ready' &&
      !state.data.some((member) => member.role !== 'LEGAL_REPRESENTATIVE' && member.revokedAt === null) ? (
        <Text className="operator__empty">尚未为员工授权</Text>
      ) : null}
      <AddMemberForm members={members} />
    </Card>
  );
}
