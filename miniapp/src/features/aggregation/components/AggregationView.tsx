import { Text, View } from '@tarojs/components';
import type { AggregationSummary } from '@roadcert/shared';
import { useMemo } from 'react';
import { Card, FormError } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { formatDateTime } from '../../../lib/format';
import { barsHeight, rateBarsOption } from '../../compliance/chart-options';
import { EChart } from '../../compliance/components/EChart';
import { formatCount } from '../../compliance/rates';
import { asRateRows, eventLabel } from '../figures';
import type { Aggregation } from '../useAggregation';
import { AggregationCard } from './AggregationCard';
import './aggregation.scss';

function Charts({ summary }: { summary: AggregationSummary }) {
  const byType = useMemo(() => rateBarsOption(asRateRows(summary.byType), summary.target95), [summary]);
  const byRegion = useMemo(() => rateBarsOption(asRateRows(summary.byRegion), summary.target95), [summary]);
  return (
    <View className="compliance-columns">
      <View className="compliance-columns__column">
        <Card title="按证照类型">
          <EChart option={byType} height={barsHeight(summary.byType.length)} label="各证照类型的归集率" />
        </Card>
      </View>
      <View className="compliance-columns__column">
        <Card title="按地区">
          <EChart option={byRegion} height={barsHeight(summary.byRegion.length)} label="各地区的归集率" />
        </Card>
      </View>
    </View>
  );
}

function Failures({ summary }: { summary: AggregationSummary }) {
  if (summary.failures.length === 0) return null;
  return (
    <Card title="失败原因">
      {summary.failures.map((failure) => (
        <View key={failure.reason} className="aggregation-dead">
          <Text className="aggregation-dead__reason">{failure.reason}</Text>
          <Text className="staff-muted">{`重试中 ${formatCount(failure.retrying)} · 失败 ${formatCount(failure.dead)}`}</Text>
        </View>
      ))}
    </Card>
  );
}

function DeadLetters({ aggregation }: { aggregation: Aggregation }) {
  const { deadLetters, pending, resend } = aggregation;
  const items = deadLetters.state.status === 'ready' ? deadLetters.state.data.items : [];
  const dead = aggregation.summary.state.status === 'ready' ? aggregation.summary.state.data.queue.dead : items.length;
  return (
    <Card title="推送失败（补传）">
      {deadLetters.state.status === 'error' ? (
        <ErrorState message={deadLetters.state.error.message} onRetry={() => void deadLetters.reload()} />
      ) : null}
      {deadLetters.state.status === 'ready' && items.length === 0 ? (
        <Text className="staff-muted">没有推送失败的数据。</Text>
      ) : null}
      {items.length > 0 ? (
        <View className="aggregation-actions">
          <Button
            type="primary"
            size="large"
            block
            loading={pending === 'all'}
            disabled={pending !== null}
            onClick={() => void resend('all', dead)}
          >
            {`全部补传（${formatCount(dead)} 条）`}
          </Button>
        </View>
      ) : null}
      {items.map((item) => (
        <View key={item.id} className="aggregation-dead">
          <View className="aggregation-dead__main">
            <Text className="aggregation-dead__title">{`${item.typeName} · 第 ${item.version} 版 · ${eventLabel(item.event)}`}</Text>
            <Text className="staff-muted">{`地区 ${item.areaCode} · 已尝试 ${item.attempts} 次 · ${formatDateTime(item.createdAt, new Date())}`}</Text>
            {item.reason ? <Text className="aggregation-dead__reason">{item.reason}</Text> : null}
          </View>
          <Button
            size="small"
            loading={pending === item.id}
            disabled={pending !== null}
            onClick={() => void resend({ id: item.id }, 1)}
          >
            补传
          </Button>
        </View>
      ))}
    </Card>
  );
}

function Reconciliations({ aggregation }: { aggregation: Aggregation }) {
  const items = aggregation.reconciliations.state.status === 'ready' ? aggregation.reconciliations.state.data : [];
  return (
    <Card title="对账">
      {items.length === 0 ? <Text className="staff-muted">暂无对账记录；对账每日自动进行。</Text> : null}
      {items.slice(0, 5).map((run) => (
        <View key={run.id} className="aggregation-dead">
          <View className="aggregation-dead__main">
            <Text className="aggregation-dead__title">{formatDateTime(run.startedAt, new Date())}</Text>
            <Text className="staff-muted">
              {run.error
                ? `对账失败：${run.error}`
                : `${formatCount(run.groups)} 组（类型×日期）· 不一致 ${formatCount(run.mismatched)} · 重新排队 ${formatCount(run.requeued)}`}
            </Text>
          </View>
        </View>
      ))}
    </Card>
  );
}

/** 数据归集: the rate against the 95 % target, by type and region, failures, 补传 and reconciliation. */
export function AggregationView({ aggregation }: { aggregation: Aggregation }) {
  const { summary } = aggregation;
  return (
    <View className="compliance">
      {aggregation.notice ? (
        <View className="compliance-notice">
          <FormError message={aggregation.notice} />
        </View>
      ) : null}
      {summary.state.status === 'loading' ? <LoadingCards count={2} /> : null}
      {summary.state.status === 'error' ? (
        <ErrorState message={summary.state.error.message} onRetry={() => void summary.reload()} />
      ) : null}
      {summary.state.status === 'ready' ? (
        <>
          <AggregationCard summary={summary.state.data} />
          <Charts summary={summary.state.data} />
          <Failures summary={summary.state.data} />
        </>
      ) : null}
      <DeadLetters aggregation={aggregation} />
      <Reconciliations aggregation={aggregation} />
    </View>
  );
}
