import { Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import type { RemoteState } from '../../../hooks/useRemote';
import { HolderHeader } from '../../holder/components/HolderHeader';
import { DemoBanner } from '../../session/components/DemoBanner';
import type { CertificateWallet } from '../useCertificateWallet';
import { CertificateCard } from './CertificateCard';
import './wallet.scss';

/** 我的证照: header, demo notice, then the certificates — or loading / empty / error. */
export function CertificateWalletView({ state, onRetry }: { state: RemoteState<CertificateWallet>; onRetry: () => void }) {
  const holder = state.status === 'ready' ? state.data.holder : null;
  return (
    <View>
      <HolderHeader holder={holder} />
      {holder?.demo ? <DemoBanner /> : null}
      <View className="wallet__section-title">
        <Text>我的证照</Text>
        {state.status === 'ready' && state.data.cards.length > 0 ? (
          <Text className="wallet__count">{`共 ${state.data.cards.length} 本`}</Text>
        ) : null}
      </View>
      {state.status === 'loading' ? <LoadingCards /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={onRetry} /> : null}
      {state.status === 'ready' && state.data.cards.length === 0 ? (
        <EmptyState title="暂无证照" hint="如您已办理证照，请稍后下拉刷新" />
      ) : null}
      {state.status === 'ready' ? state.data.cards.map((card) => <CertificateCard key={card.id} card={card} />) : null}
    </View>
  );
}
