import { Text, View } from '@tarojs/components';
import { FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import { navigate } from '../../../lib/router';
import { toShareRows, type ShareRowView } from '../share-view';
import type { useMyShares } from '../useMyShares';
import './sharing.scss';

function ShareRow({ row, revoking, onRevoke }: { row: ShareRowView; revoking: boolean; onRevoke: () => void }) {
  return (
    <View className={`share-row share-row--${row.state.toLowerCase()}`} role="listitem">
      <View className="share-row__head">
        <Text className="share-row__purpose">{row.purpose}</Text>
        <Text className={`share-row__state share-row__state--${row.state.toLowerCase()}`}>{row.stateLabel}</Text>
      </View>
      <Text className="share-row__line">{`接收方：${row.recipient}`}</Text>
      <Text className="share-row__line">{`证照：${row.what}`}</Text>
      <Text className="share-row__line">{row.expiry}</Text>
      <Text className="share-row__line share-row__line--strong">{row.openings}</Text>
      {row.revocable ? (
        <View className="share-row__actions">
          <Button type="danger" fill="outline" size="large" block loading={revoking} onClick={onRevoke}>
            撤销
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 我的分享: every link with its purpose, recipient, expiry and openings; open ones can be revoked. */
export function MySharesView({ model }: { model: ReturnType<typeof useMyShares> }) {
  const { state, reload } = model.shares;
  const create = (
    <View className="share-list__create">
      <Button type="primary" size="large" block onClick={() => void navigate('shareCreate')}>
        新建分享
      </Button>
    </View>
  );
  if (state.status === 'loading') return <LoadingCards count={2} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  if (state.data.length === 0) {
    return (
      <View>
        <EmptyState
          title="还没有分享过证照"
          hint="分享的证照带有事由和有效期水印，可随时撤销，对方每次打开都有记录。"
        />
        {create}
      </View>
    );
  }
  const rows = toShareRows(state.data, new Date());
  return (
    <View>
      {create}
      {model.actionError ? (
        <View className="share-list__error">
          <FormError message={model.actionError} />
        </View>
      ) : null}
      <View role="list">
        {rows.map((row) => (
          <ShareRow
            key={row.id}
            row={row}
            revoking={model.revokingId === row.id}
            onRevoke={() => void model.revoke(row)}
          />
        ))}
      </View>
    </View>
  );
}
