import { Text, View } from '@tarojs/components';
import { TextLink } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { useScanner } from '../useScanner.weapp';
import { toVerdictView } from '../verdict-view';
import type * as Contract from './ScanView';
import { FaceRows } from './FaceRows';
import { VerdictCard } from './VerdictCard';
import './verify.scss';

function ListRow({ name, label, stale }: { name: string; label: string; stale: boolean }) {
  return (
    <View className="scan__list-row">
      <Text>{name}</Text>
      <Text className={stale ? 'scan__stale' : undefined}>{stale ? `${label}（需更新）` : label}</Text>
    </View>
  );
}

export const ScanView: typeof Contract.ScanView = () => {
  const { lists, state, scan } = useScanner();
  return (
    <>
      <View className="scan__actions">
        <Button type="primary" size="large" block onClick={scan} loading={state.status === 'checking'}>
          扫一扫
        </Button>
      </View>
      {state.status === 'done' ? (
        <>
          <VerdictCard
            view={toVerdictView(state.outcome.verdict, state.outcome.reason)}
            source={state.outcome.source}
            caution={state.outcome.caution}
          />
          <FaceRows rows={state.outcome.rows} />
        </>
      ) : null}
      {state.status === 'error' ? (
        <View className="verify-checking" role="alert">
          <Text>{state.message}</Text>
        </View>
      ) : null}
      <View className="scan__lists">
        <ListRow name="签发密钥" label={lists.keysFreshness.label} stale={lists.keysFreshness.stale} />
        <ListRow name="状态清单" label={lists.statusFreshness.label} stale={lists.statusFreshness.stale} />
        <View className="scan__list-row">
          <Text className="scan__net">{lists.online ? '在线：优先联网核验' : '离线：使用本机缓存核验'}</Text>
          <TextLink onClick={() => void lists.refresh()}>{lists.refreshing ? '更新中…' : '立即更新'}</TextLink>
        </View>
      </View>
    </>
  );
};
