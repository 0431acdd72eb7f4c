import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Form';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/StateViews';
import { FilterChips } from '../../staff/components/FilterChips';
import { rangeOptions, statsRows, statsTotals } from '../stats';
import type { ReminderStatsModel } from '../useReminderStats';
import './reminders.scss';

const COLUMNS = [
  ['day', '日期'],
  ['kind', '提醒类型'],
  ['channel', '渠道'],
  ['sent', '发送'],
  ['delivered', '送达'],
  ['deliveryRate', '送达率'],
  ['deferred', '推迟'],
  ['failed', '失败'],
  ['suppressed', '未发送'],
  ['clicked', '打开链接'],
] as const;

/** 消息提醒 statistics: totals with delivery and click-through rates, then one row per day, kind and channel. */
export function ReminderStatsView({ model }: { model: ReminderStatsModel }) {
  const { stats } = model;
  return (
    <>
      <Card title="发送统计">
        <FilterChips
          label="时间范围"
          options={rangeOptions.map((option) => ({ value: option.value, label: option.label }))}
          value={model.days}
          onChange={model.setDays}
        />
        {stats.state.status === 'loading' ? <LoadingCards count={1} /> : null}
        {stats.state.status === 'error' ? (
          <ErrorState message={stats.state.error.message} onRetry={() => void stats.reload()} />
        ) : null}
        {stats.state.status === 'ready' ? <Totals model={model} /> : null}
      </Card>
      {stats.state.status === 'ready' ? <Table model={model} /> : null}
    </>
  );
}

function Totals({ model }: { model: ReminderStatsModel }) {
  if (model.stats.state.status !== 'ready') return null;
  const data = model.stats.state.data;
  const totals = statsTotals(data);
  return (
    <View className="reminder-totals">
      <Text className="staff-muted">{`${data.from} 至 ${data.to}（北京时间）`}</Text>
      <View className="reminder-totals__rates">
        <View className="reminder-totals__rate">
          <Text className="reminder-totals__figure">{totals.deliveryRate}</Text>
          <Text className="staff-muted">短信送达率</Text>
        </View>
        <View className="reminder-totals__rate">
          <Text className="reminder-totals__figure">{totals.clickRate}</Text>
          <Text className="staff-muted">链接点击率</Text>
        </View>
      </View>
      <View className="reminder-totals__facts">
        {totals.facts.map((fact) => (
          <Text key={fact.label} className="reminder-totals__fact">{`${fact.label} ${fact.value}`}</Text>
        ))}
      </View>
      <Text className="staff-muted">
        送达率 = 已送达 ÷ 已发送；点击率 = 短链接被打开过的提醒 ÷ 已发送。未发送：已退订、未同意或超过每日上限。
      </Text>
    </View>
  );
}

function Table({ model }: { model: ReminderStatsModel }) {
  if (model.stats.state.status !== 'ready') return null;
  const rows = statsRows(model.stats.state.data);
  return (
    <Card title="按日、类型和渠道">
      {rows.length === 0 ? (
        <EmptyState title="这段时间没有发送提醒" />
      ) : (
        <View className="reminder-table" role="table" aria-label="提醒发送统计">
          <View className="reminder-table__row reminder-table__row--head" role="row">
            {COLUMNS.map(([key, label]) => (
              <View key={key} className={`reminder-table__cell reminder-table__cell--${key}`} role="columnheader">
                {label}
              </View>
            ))}
          </View>
          {rows.map((row) => (
            <View key={row.key} className="reminder-table__row" role="row">
              {COLUMNS.map(([key]) => (
                <View key={key} className={`reminder-table__cell reminder-table__cell--${key}`} role="cell">
                  {row[key]}
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </Card>
  );
}
