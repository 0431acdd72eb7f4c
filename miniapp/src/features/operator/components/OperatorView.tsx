import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { navigate } from '../../../lib/router';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import type { Remote } from '../../../hooks/useRemote';
import { representedOperators, roleLabel } from '../../account/account';
import type { Account } from '../../account/api';
import { ActivateOperatorCard } from './ActivateOperatorCard';
import { DriverAssignmentsCard } from './DriverAssignmentsCard';
import { OperatorMembersCard } from './OperatorMembersCard';
import { OperatorShareCard } from '../../sharing/components/OperatorShareCard';
import './operator.scss';

/** Operators where this account is staff (not the representative): shown, not managed. */
function Memberships({ account }: { account: Account }) {
  const staff = account.operators.filter((operator) => operator.role !== 'LEGAL_REPRESENTATIVE');
  if (staff.length === 0) return null;
  return (
    <Card title="我获得的企业授权">
      {staff.map((operator) => (
        <View key={operator.operatorId} className="member">
          <View className="member__head">
            <Text className="member__who">{operator.name}</Text>
            <Text className="member__role">{roleLabel(operator.role)}</Text>
          </View>
        </View>
      ))}
    </Card>
  );
}

/** The server lets only a real-name-bound person activate an operator. */
function RealNameFirst() {
  return (
    <Card title="激活企业账号">
      <Text className="operator__lead">激活企业账号前，请先以法定代表人本人身份完成实名认证。</Text>
      <Button type="primary" size="large" block onClick={() => void navigate('realName')}>
        去实名认证
      </Button>
    </Card>
  );
}

/** 企业账号与员工授权: activate the operator, then manage its staff. */
export function OperatorView({ account }: { account: Remote<Account> }) {
  const { state, reload } = account;
  if (state.status === 'loading') return <LoadingCards count={1} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const represented = representedOperators(state.data);
  return (
    <View>
      {represented.length === 0 && !state.data.holder ? <RealNameFirst /> : null}
      {represented.length === 0 && state.data.holder ? (
        <ActivateOperatorCard account={state.data} onActivated={() => void reload()} />
      ) : null}
      {represented.map((operator) => (
        <OperatorMembersCard key={operator.operatorId} operatorId={operator.operatorId} name={operator.name} />
      ))}
      {represented.map((operator) => (
        <DriverAssignmentsCard key={`drivers-${operator.operatorId}`} operatorId={operator.operatorId} />
      ))}
      {represented.map((operator) => (
        <OperatorShareCard key={`share-${operator.operatorId}`} name={operator.name} />
      ))}
      <Memberships account={state.data} />
    </View>
  );
}
