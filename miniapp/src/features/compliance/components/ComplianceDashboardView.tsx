import { Text, View } from '@tarojs/components';
import { complianceFixerLabels, type ComplianceRates } from '@roadcert/shared';
import { useMemo } from 'react';
import { Card, FormError } from '../../../components/Form';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { AggregationSection } from '../../aggregation/components/AggregationCard';
import { FilterChips } from '../../staff/components/FilterChips';
import { barsHeight, carrierOption, rateBarsOption, trendOption } from '../chart-options';
import { carrierOptions, dashboardTypeOptions, formatCount, formatRate, rateTone, targetGap } from '../rates';
import type { ComplianceDashboard } from '../useComplianceDashboard';
import { EChart } from './EChart';
import { FailingCard } from './FailingCard';
import { RunsCard } from './RunsCard';
import './compliance.scss';

function Headline({ rates }: { rates: ComplianceRates }) {
  const tone = rateTone(rates.rate, rates.target);
  return (
    <Card title="数据合规率">
      <View className="compliance-head">
        <View className="compliance-head__figure">
          <Text className={`compliance-head__rate compliance-tone--${tone}`}>{formatRate(rates.rate)}</Text>
          <Text className="compliance-head__target">{`目标 ${formatRate(rates.target, 0)}`}</Text>
        </View>
        <View className="compliance-head__facts">
          <Text className={`compliance-head__gap compliance-tone--${tone}`}>{targetGap(rates.rate, rates.target)}</Text>
          <Text className="staff-muted">{`合规 ${formatCount(rates.compliant)} / 在用证照 ${formatCount(rates.total)}`}</Text>
          <Text className="staff-muted">{`补正事项：待补充 ${rates.tasks.open} · 待审核 ${rates.tasks.submitted} · 已退回 ${rates.tasks.returned}`}</Text>
          <Text className="staff-muted">{`范围：行政区划 ${rates.areaCode}`}</Text>
        </View>
      </View>
    </Card>
  );
}

function Charts({ rates }: { rates: ComplianceRates }) {
  const trend = useMemo(() => trendOption(rates.trend, rates.target), [rates]);
  const byType = useMemo(() => rateBarsOption(rates.byType, rates.target), [rates]);
  const byArea = useMemo(() => rateBarsOption(rates.byArea, rates.target), [rates]);
  const byCarrier = useMemo(() => carrierOption(rates.byCarrier), [rates]);
  return (
    <>
      <Card title="合规率趋势（按日）">
        {rates.trend.length > 0 ? (
          <EChart option={trend} height={220} label={`合规率趋势，最近 ${rates.trend.length} 天`} />
        ) : (
          <Text className="staff-muted">尚无全量校验记录，完成一次全量校验后显示趋势。</Text>
        )}
      </Card>
      <View className="compliance-columns">
        <View className="compliance-columns__column">
          <Card title="按证照类型">
            <EChart option={byType} height={barsHeight(rates.byType.length)} label="各证照类型的合规率" />
          </Card>
        </View>
        <View className="compliance-columns__column">
          <Card title="按地区">
            <EChart option={byArea} height={barsHeight(rates.byArea.length)} label="各地区的合规率" />
          </Card>
        </View>
      </View>
      <Card title="按载体">
        <EChart option={byCarrier} height={280} label="纸质证、IC卡证、电子证照的数量与合规率" />
      </Card>
    </>
  );
}

function RulesCard({ rates, dashboard }: { rates: ComplianceRates; dashboard: ComplianceDashboard }) {
  const chosen = dashboard.filter.ruleId;
  return (
    <Card
      title="按规则"
      extra={
        chosen ? (
          <View className="staff-link" role="button" onClick={() => dashboard.update('ruleId', '')}>
            显示全部规则
          </View>
        ) : (
          <Text className="staff-muted">点一条规则查看不合规证照</Text>
        )
      }
    >
      {rates.byRule.length === 0 ? <Text className="staff-muted">没有不合规的证照。</Text> : null}
      <View className="compliance-rules" role="table" aria-label="各规则的不合规证照数">
        {rates.byRule.map((rule) => (
          <View
            key={rule.ruleId}
            className={rule.ruleId === chosen ? 'compliance-rule compliance-rule--on' : 'compliance-rule'}
            role="row"
            aria-selected={rule.ruleId === chosen}
            onClick={() => dashboard.update('ruleId', rule.ruleId === chosen ? '' : rule.ruleId)}
          >
            <View className="compliance-rule__main" role="cell">
              <Text className="compliance-rule__message">{rule.message}</Text>
              <Text className="staff-muted">{`${rule.ruleId} · ${rule.severity === 'blocking' ? '阻断' : '提示'} · 由${complianceFixerLabels[rule.fixableBy]}补正`}</Text>
            </View>
            <View className={`compliance-rule__count compliance-severity--${rule.severity}`} role="cell">
              {formatCount(rule.failing)}
            </View>
          </View>
        ))}
      </View>
    </Card>
  );
}

/** 数据合规: the rate against the 95 % target, where it falls short, the failing records, the batch runs. */
export function ComplianceDashboardView({ dashboard }: { dashboard: ComplianceDashboard }) {
  const { rates, filter, update } = dashboard;
  return (
    <View className="compliance">
      <Card title="筛选">
        <FilterChips
          label="证照类型"
          options={dashboardTypeOptions}
          value={filter.typeCode}
          onChange={(value) => update('typeCode', value)}
        />
        <FilterChips
          label="载体"
          options={carrierOptions}
          value={filter.carrier}
          onChange={(value) => update('carrier', value)}
        />
      </Card>
      {dashboard.notice ? (
        <View className="compliance-notice">
          <FormError message={dashboard.notice} />
        </View>
      ) : null}
      {rates.state.status === 'loading' ? <LoadingCards count={2} /> : null}
      {rates.state.status === 'error' ? (
        <ErrorState message={rates.state.error.message} onRetry={() => void rates.reload()} />
      ) : null}
      {rates.state.status === 'ready' ? (
        <>
          <Headline rates={rates.state.data} />
          <AggregationSection />
          <Charts rates={rates.state.data} />
          <RulesCard rates={rates.state.data} dashboard={dashboard} />
        </>
      ) : null}
      <FailingCard dashboard={dashboard} />
      <RunsCard dashboard={dashboard} />
    </View>
  );
}
