import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Form';
import type { Comparison } from '../review-view';

/** The holder's form beside the current record; differing fields marked (colour, tag and words). `returned`: the reasons are the current ones. */
export function ComparisonCard({ comparison, returned }: { comparison: Comparison; returned: boolean }) {
  const summary = !comparison.hasBase
    ? '无现有证照记录（新申领），以下为申请填写内容'
    : comparison.changedCount > 0
      ? `与现有记录相比有${comparison.changedCount}项变更`
      : '与现有记录一致，无变更';
  return (
    <Card title="信息对照">
      <Text
        className={
          comparison.changedCount > 0
            ? 'staff-compare__summary staff-compare__summary--changed'
            : 'staff-compare__summary'
        }
      >
        {summary}
      </Text>
      <View className="staff-compare__head" aria-hidden="true">
        <Text className="staff-compare__col staff-compare__label">项目</Text>
        <Text className="staff-compare__col">申请填写</Text>
        {comparison.hasBase ? <Text className="staff-compare__col">现有记录</Text> : null}
      </View>
      {comparison.rows.map((row) => (
        <View
          key={row.key}
          className={row.changed ? 'staff-compare__row staff-compare__row--changed' : 'staff-compare__row'}
        >
          <View className="staff-compare__col staff-compare__label">
            <Text>{row.label}</Text>
            {row.changed ? <Text className="staff-tag staff-tag--changed">有变更</Text> : null}
          </View>
          <Text
            className="staff-compare__col staff-compare__proposed"
            aria-label={`${row.label} 申请填写：${row.proposed}`}
          >
            {row.proposed}
          </Text>
          {comparison.hasBase ? (
            <Text
              className="staff-compare__col staff-compare__current"
              aria-label={`${row.label} 现有记录：${row.current ?? '未比对'}`}
            >
              {row.current ?? '—'}
            </Text>
          ) : null}
          {row.returnReason ? (
            <Text className="staff-compare__reason">{`${returned ? '退回原因' : '上次退回原因'}：${row.returnReason}`}</Text>
          ) : null}
        </View>
      ))}
    </Card>
  );
}
