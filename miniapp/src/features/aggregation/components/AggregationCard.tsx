import { Text, View } from '@tarojs/components';
import type { AggregationSummary } from '@roadcert/shared';
import { Card, StandInNotice, TextLink } from '../../../components/Form';
import { navigate } from '../../../lib/router';
import { formatCount, formatRate, rateTone, targetGap } from '../../compliance/rates';
import { breakerLabels, formatLag } from '../figures';
import { useAggregationSummary } from '../useAggregation';
import './aggregation.scss';

/** The alert banner: what needs a person now (rate under target, lag, dead letters, receiver down). */
export function AggregationAlerts({ summary }: { summary: AggregationSummary }) {
  if (summary.alerts.length === 0) return null;
  return (
    <View className="aggregation-alerts" role="alert">
      {summary.alerts.map((alert) => (
        <Text key={alert.code} className="aggregation-alerts__line">
          {alert.message}
        </Text>
      ))}
    </View>
  );
}

/**
 * 数据归集率 beside the compliance rate: certificates whose latest version the ministry
 * acknowledged, against the notice's 95 %, the lag and the queue. `detailLink` adds the way to
 * the page with the dead letters and 补传.
 */
export function AggregationCard({ summary, detailLink }: { summary: AggregationSummary; detailLink?: boolean }) {
  const { overall, target95, lag, queue } = summary;
  const tone = rateTone(overall.rate, target95);
  return (
    <Card
      title="数据归集率"
      extra={detailLink ? <TextLink onClick={() => void navigate('staffAggregation')}>明细与补传</TextLink> : undefined}
    >
      {summary.target === 'stand-in' ? (
        <StandInNotice title="本地接收端（替身）">
          归集数据推送到本机的部级系统替身，不是部级电子证照系统；生产环境须配置 MINISTRY_URL。
        </StandInNotice>
      ) : null}
      <AggregationAlerts summary={summary} />
      <View className="compliance-head">
        <View className="compliance-head__figure">
          <Text className={`compliance-head__rate compliance-tone--${tone}`}>{formatRate(overall.rate)}</Text>
          <Text className="compliance-head__target">{`目标 ${formatRate(target95, 0)}`}</Text>
        </View>
        <View className="compliance-head__facts">
          <Text className={`compliance-head__gap compliance-tone--${tone}`}>
            {overall.rate === null ? '暂无需归集的电子证照' : targetGap(overall.rate, target95)}
          </Text>
          <Text className="staff-muted">{`已确认 ${formatCount(overall.acknowledged)} / 应归集 ${formatCount(overall.total)}`}</Text>
          <Text className="staff-muted">{`延迟（近24小时）：中位 ${formatLag(lag.p50Ms)} · 99% ${formatLag(lag.p99Ms)}`}</Text>
          <Text className="staff-muted">{`待推送 ${formatCount(queue.pending)} · 重试中 ${formatCount(queue.retrying)} · 失败 ${formatCount(queue.dead)}`}</Text>
          {summary.breaker ? (
            <Text className="staff-muted">{`推送状态：${breakerLabels[summary.breaker]}`}</Text>
          ) : null}
          <Text className="staff-muted">{`接收方：${summary.targetLabel}`}</Text>
        </View>
      </View>
    </Card>
  );
}

/** The card on the 数据合规 dashboard: loads on its own; if it fails, the compliance figures still show. */
export function AggregationSection() {
  const summary = useAggregationSummary();
  if (summary.state.status !== 'ready') return null;
  return <AggregationCard summary={summary.state.data} detailLink />;
}
