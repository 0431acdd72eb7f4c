import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import type { RemoteState } from '../../../hooks/useRemote';
import { navigate } from '../../../lib/router';
import { AccountHeader } from '../../account/components/AccountHeader';
import { CompletionNotice } from '../../completion/components/CompletionNotice';
import type { CertificateWallet } from '../useCertificateWallet';
import { CertificateCard } from './CertificateCard';
import './wallet.scss';

/** Before real-name binding there is nothing to list: say why, and where to go. */
function RealNameCallout() {
  return (
    <Card title="请先完成实名认证">
      <Text className="wallet__callout">完成实名认证后，即可查看和激活登记在您名下的道路运输证照。</Text>
      <Button type="primary" size="large" block onClick={() => void navigate('realName')}>
        去实名认证
      </Button>
    </Card>
  );
}

/** 我的证照: header, then the certificates — or the real-name step, loading, empty, error. */
export function CertificateWalletView({
  state,
  onRetry,
}: {
  state: RemoteState<CertificateWallet>;
  onRetry: () => void;
}) {
  const account = state.status === 'ready' ? state.data.account : null;
  const cards = state.status === 'ready' ? state.data.cards : null;
  return (
    <View>
      <AccountHeader account={account} />
      {account && !account.holder ? <RealNameCallout /> : null}
      <CompletionNotice tasks={state.status === 'ready' ? state.data.tasks : null} />
      {state.status !== 'ready' || cards !== null ? (
        <View className="wallet__section-title">
          <Text>我的证照</Text>
          {cards && cards.length > 0 ? <Text className="wallet__count">{`共 ${cards.length} 本`}</Text> : null}
        </View>
      ) : null}
      {state.status === 'loading' ? <LoadingCards /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={onRetry} /> : null}
      {cards && cards.length === 0 ? <EmptyState title="暂无证照" hint="如您已办理证照，请稍后下拉刷新" /> : null}
      {cards
        ? cards.map((card) => (
            <CertificateCard
              key={card.id}
              card={card}
              onOpen={() => void navigate('certificate', { id: card.id })}
              onActivate={() => void navigate('activate', { certificateId: card.id })}
            />
          ))
        : null}
    </View>
  );
}
