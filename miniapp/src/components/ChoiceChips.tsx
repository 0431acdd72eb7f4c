import { Text, View } from '@tarojs/components';
import './choice-chips.scss';

export interface Choice<T extends string | number> {
  value: T;
  label: string;
}

interface ChoiceChipsProps<T extends string | number> {
  /** Read out before the choices, e.g. 分享事由. */
  label: string;
  choices: readonly Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string;
}

/**
 * One choice out of a few, as large buttons that wrap on a narrow phone (a radio group for screen
 * readers). Better than a picker for up to ~10 short options: every choice is visible at once.
 */
export function ChoiceChips<T extends string | number>({
  label,
  choices,
  value,
  onChange,
  error,
}: ChoiceChipsProps<T>) {
  return (
    <View className={error ? 'rc-chips rc-chips--error' : 'rc-chips'} role="radiogroup" aria-label={label}>
      <View className="rc-chips__list">
        {choices.map((choice) => {
          const selected = choice.value === value;
          return (
            <View
              key={String(choice.value)}
              className={selected ? 'rc-chips__chip rc-chips__chip--on' : 'rc-chips__chip'}
              role="radio"
              aria-checked={selected}
              onClick={() => onChange(choice.value)}
            >
              <Text>{selected ? `✓ ${choice.label}` : choice.label}</Text>
            </View>
          );
        })}
      </View>
      {error ? (
        <View className="rc-field__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
