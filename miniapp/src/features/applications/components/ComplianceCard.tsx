import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Form';
import type { ComplianceSummary } from '../compliance-view';
import type { FormStep } from '../form-state';
import './applications.scss';

/**
 * 数据校验: what the compliance rules found in the form as saved, before the submit button —
 * blocking problems in red (must be fixed), warnings in amber (submit still possible), and the
 * server's refusal (422 COMPLIANCE_BLOCKED) when it had the last word.
 */
export function ComplianceCard({
  summary,
  refused,
  onFix,
  blockingTitle = '以下问题须先更正，才能提交：',
}: {
  summary: ComplianceSummary;
  refused: string[];
  onFix?: (step: FormStep) => void;
  /** The reviewer reads the same failures as what blocks issuing. */
  blockingTitle?: string;
}) {
  if (summary.blocking.length === 0 && summary.warnings.length === 0 && refused.length === 0) return null;
  return (
    <Card title="数据校验">
      {refused.length > 0 ? (
        <View className="apply-compliance apply-compliance--blocking" role="alert">
          <Text className="apply-compliance__title">未能提交：证照数据未通过合规校验</Text>
          {refused.map((line) => (
            <Text key={line} className="apply-compliance__line">{`· ${line}`}</Text>
          ))}
        </View>
      ) : null}
      {summary.blocking.length > 0 ? (
        <View className="apply-compliance apply-compliance--blocking" role="alert">
          <Text className="apply-compliance__title">{blockingTitle}</Text>
          {summary.blocking.map((line) => (
            <View key={line.key} className="apply-compliance__row">
              <Text className="apply-compliance__line">{`✕ ${line.text}`}</Text>
              {line.fixStep && onFix ? (
                <View
                  className="apply-compliance__fix"
                  role="button"
                  onClick={() => line.fixStep && onFix(line.fixStep)}
                >
                  去修改
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      {summary.warnings.length > 0 ? (
        <View className="apply-compliance apply-compliance--warning" role="note">
          <Text className="apply-compliance__title">请注意（不影响提交）：</Text>
          {summary.warnings.map((line) => (
            <Text key={line.key} className="apply-compliance__line">{`! ${line.text}`}</Text>
          ))}
        </View>
      ) : null}
    </Card>
  );
}
