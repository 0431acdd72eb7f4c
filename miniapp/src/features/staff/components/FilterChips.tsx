import { Text, View } from '@tarojs/components';
import type { FilterOption } from '../queue-filter';

/** One row of choices; the chosen one is filled. Scrolls sideways on a phone rather than wrapping into a wall. */
export function FilterChips<V extends string | number | null>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: FilterOption<V>[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <View className="staff-filter">
      <Text className="staff-filter__label">{label}</Text>
      <View className="staff-filter__chips" role="radiogroup" aria-label={label}>
        {options.map((option) => (
          <View
            key={String(option.value)}
            className={option.value === value ? 'staff-chip staff-chip--on' : 'staff-chip'}
            role="radio"
            aria-checked={option.value === value}
            onClick={() => onChange(option.value)}
          >
            {option.label}
          </View>
        ))}
      </View>
    </View>
  );
}
