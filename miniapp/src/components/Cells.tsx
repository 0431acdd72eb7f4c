import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './cells.scss';

interface CellProps {
  label: string;
  value?: string;
  /** Draws the › of a row that opens another page. */
  arrow?: boolean;
  onClick?: () => void;
  /** Screen-reader text when label + value do not say enough. */
  ariaLabel?: string;
}

/** A settings row: label on the left, state on the right; the whole row is the touch target. */
export function Cell({ label, value, arrow, onClick, ariaLabel }: CellProps) {
  return (
    <View className="rc-cell" role={onClick ? 'button' : undefined} aria-label={ariaLabel} onClick={onClick}>
      <Text className="rc-cell__label">{label}</Text>
      {value ? <Text className="rc-cell__value">{value}</Text> : null}
      {arrow ? (
        <Text className="rc-cell__arrow" aria-hidden="true">
          ›
        </Text>
      ) : null}
    </View>
  );
}

export function CellGroup({ children }: PropsWithChildren) {
  return <View className="rc-cells">{children}</View>;
}
