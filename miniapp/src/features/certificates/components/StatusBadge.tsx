import { Text } from '@tarojs/components';
import type { StatusAppearance } from '../../../lib/format';

/** Status as symbol + words + colour; the words alone carry the meaning. */
export function StatusBadge({ status }: { status: StatusAppearance }) {
  const { text, background, border } = status.colours;
  return (
    <Text
      className={`status-badge status-badge--${status.tone}`}
      style={{ color: text, backgroundColor: background, borderColor: border }}
      aria-label={`状态：${status.label}`}
    >
      {`${status.symbol} ${status.label}`}
    </Text>
  );
}
