import { Text, View } from '@tarojs/components';
import type { ComplianceRunView } from '@roadcert/shared';
import { Card } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { formatDateTime } from '../../../lib/format';
import { formatCount, formatRate } from '../rates';
import type { ComplianceDashboard } from '../useComplianceDashboard';

const runStateLabels: Record<ComplianceRunView['state'], string> = {
  RUNNING: '校验中',
  DONE: '已完成',
  FAILED: '失败',
};

function RunRow({ run }: { run: ComplianceRunView }) {
  return (
    <View className="compliance-run">
      <View className="compliance-run__head">
        <Text className="compliance-run__when">{formatDateTime(run.startedAt, new Date())}</Text>
        <Text className={`compliance-run__state compliance-run__state--${run.state.toLowerCase()}`}>
          {runStateLabels[run.state]}
        </Text>
      </View>
      <Text className="staff-muted">
        {run.state === 'RUNNING'
          ? `已校验 ${formatCount(run.total)} 本…`
          : `${formatCount(run.compliant)} / ${formatCount(run.total)} 合规（${formatRate(run.rate)}）${run.perSecond ? ` · ${formatCount(run.perSecond)} 本/秒` : ''}`}
      </Text>
    </View>
  );
}

/** 全量校验: the latest batch runs over the stock, and 立即全量校验 for data stewards. */
export function RunsCard({ dashboard }: { dashboard: ComplianceDashboard }) {
  const runs = dashboard.runs.state.status === 'ready' ? dashboard.runs.state.data.slice(0, 5) : [];
  return (
    <Card title="全量校验">
      {dashboard.steward ? (
        <View className="compliance-run__action">
          <Button
            type="primary"
            size="large"
            block
            loading={dashboard.pending === 'run'}
            disabled={dashboard.running}
            onClick={() => void dashboard.runNow()}
          >
            {dashboard.running ? '全量校验进行中…' : '立即全量校验'}
          </Button>
        </View>
      ) : (
        <Text className="staff-muted">全量校验每日自动进行；数据管理员可随时发起。</Text>
      )}
      {runs.length === 0 ? <Text className="staff-muted">暂无校验记录。</Text> : null}
      {runs.map((run) => (
        <RunRow key={run.id} run={run} />
      ))}
    </Card>
  );
}
