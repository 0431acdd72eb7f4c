import { Text, View } from '@tarojs/components';
import type { VerdictView } from '../verdict-view';
import './verify.scss';

/** The verdict in one big word with its symbol and colour, the reason, and what to do next. */
export function VerdictCard({
  view,
  source,
  caution,
}: {
  view: VerdictView;
  source?: string;
  caution?: string | null;
}) {
  const { text, background, border } = view.colours;
  return (
    <View
      className={`verdict verdict--${view.tone}`}
      style={{ backgroundColor: background, borderColor: border }}
      role="status"
      aria-label={`核验结果：${view.title}，${view.reason}`}
    >
      <View className="verdict__head" style={{ color: text }}>
        <Text className="verdict__symbol">{view.symbol}</Text>
        <Text className="verdict__title">{view.title}</Text>
      </View>
      <Text className="verdict__reason" style={{ color: text }}>
        {view.reason}
      </Text>
      <Text className="verdict__advice">{view.advice}</Text>
      {caution ? <Text className="verdict__caution">{caution}</Text> : null}
      {source ? <Text className="verdict__source">{source}</Text> : null}
    </View>
  );
}
