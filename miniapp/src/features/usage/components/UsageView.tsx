import { Text, View } from '@tarojs/components';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import { usagePageSize } from '../api';
import { toUsageRows, type UsageRow } from '../usage-view';
import { ALL_CERTIFICATES, certificateLabel, type useUsage } from '../useUsage';
import './usage.scss';

function Row({ row }: { row: UsageRow }) {
  return (
    <View className="usage-row" role="listitem">
      <View className="usage-row__head">
        <Text className="usage-row__channel">{row.channel}</Text>
        <Text className={`usage-row__result usage-row__result--${row.resultTone}`}>{row.result}</Text>
      </View>
      <Text className="usage-row__when">{row.when}</Text>
      {row.certificate ? <Text className="usage-row__line">{`证照：${row.certificate}`}</Text> : null}
      <Text className="usage-row__line">{`查看方：${row.who}`}</Text>
      {row.channelDetail ? <Text className="usage-row__line">{`方式：${row.channelDetail}`}</Text> : null}
      <Text className="usage-row__line">{`显示内容：${row.fields}`}</Text>
    </View>
  );
}

/** 用证记录: who saw which certificate, when, how, and which fields (never their values). */
export function UsageView({ model }: { model: ReturnType<typeof useUsage> }) {
  const { state, reload } = model.usage;
  if (state.status === 'loading') return <LoadingCards count={2} />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const { certificates, entries, truncated } = state.data;
  const choices = [
    { value: ALL_CERTIFICATES, label: '全部证照' },
    ...certificates.map((certificate) => ({ value: certificate.id, label: certificateLabel(certificate) })),
  ];
  const rows = toUsageRows(entries, new Date());
  return (
    <View>
      <View className="usage-intro">
        <Text className="usage-intro__text">
          每次扫码核验、凭证号查询、合作方接口核查和分享链接被打开，都会记录在这里。只记录显示了哪些项目，不记录内容。
        </Text>
        {certificates.length > 1 ? (
          <View className="usage-filter">
            <ChoiceChips label="选择证照" choices={choices} value={model.selected} onChange={model.select} />
          </View>
        ) : null}
      </View>
      {rows.length === 0 ? (
        <EmptyState title="暂无用证记录" hint="证照被核验、查询或分享链接被打开后，会显示在这里。" />
      ) : (
        <View role="list">
          {rows.map((row) => (
            <Row key={row.key} row={row} />
          ))}
        </View>
      )}
      {truncated ? <Text className="usage-more">{`显示最近 ${usagePageSize} 条记录。`}</Text> : null}
    </View>
  );
}
