import { Text, View } from '@tarojs/components';
import { completionTaskStateLabels } from '@roadcert/shared';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { ErrorState, LoadingCards } from '../../../components/StateViews';
import { carrierLabel, formatCount, pageCount } from '../rates';
import type { ComplianceDashboard } from '../useComplianceDashboard';

/** 不合规证照: the drill-down (masked), a page at a time, and 导出CSV of the same selection. */
export function FailingCard({ dashboard }: { dashboard: ComplianceDashboard }) {
  const { state, reload } = dashboard.failing;
  const total = state.status === 'ready' ? state.data.total : null;
  const pages = state.status === 'ready' ? pageCount(state.data.total, state.data.pageSize) : 1;
  return (
    <Card
      title={total === null ? '不合规证照' : `不合规证照（${formatCount(total)}）`}
      extra={
        <Button size="small" loading={dashboard.pending === 'export'} onClick={() => void dashboard.exportCsv()}>
          导出CSV
        </Button>
      }
    >
      {dashboard.filter.ruleId ? <Text className="staff-muted">{`仅规则 ${dashboard.filter.ruleId}`}</Text> : null}
      {state.status === 'loading' ? <LoadingCards count={1} /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? (
        <Text className="staff-muted">没有符合条件的不合规证照。</Text>
      ) : null}
      {state.status === 'ready'
        ? state.data.items.map((item) => (
            <View key={item.certificateId} className="compliance-failing">
              <View className="compliance-failing__head">
                <Text className="compliance-failing__holder">{item.holderName}</Text>
                <Text className="compliance-failing__type">{item.typeName}</Text>
              </View>
              <Text className="staff-muted">{`${item.certificateNumber} · ${carrierLabel(item.carrier)} · ${item.areaCode}`}</Text>
              {item.failures.map((failure) => (
                <Text
                  key={failure.ruleId}
                  className={`compliance-failing__rule compliance-severity--${failure.severity}`}
                >{`${failure.severity === 'blocking' ? '✕' : '!'} ${failure.message}（${completionTaskStateLabels[failure.state]}）`}</Text>
              ))}
            </View>
          ))
        : null}
      {state.status === 'ready' && pages > 1 ? (
        <View className="compliance-pager" role="navigation" aria-label="翻页">
          <Button size="small" disabled={dashboard.page <= 1} onClick={() => dashboard.setPage(dashboard.page - 1)}>
            上一页
          </Button>
          <Text className="compliance-pager__at">{`${dashboard.page} / ${pages}`}</Text>
          <Button size="small" disabled={dashboard.page >= pages} onClick={() => dashboard.setPage(dashboard.page + 1)}>
            下一页
          </Button>
        </View>
      ) : null}
    </Card>
  );
}
