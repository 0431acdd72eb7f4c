import { Text, View } from '@tarojs/components';
import type { CertificateFieldDefinition } from '@roadcert/shared';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { TextField } from '../../../components/Form';
import { toggleCode, valueInputFor } from '../supply-form';

/** The value's input, as the registry field declares it: a short code list as chips, anything else typed. */
export function TaskValueInput({
  field,
  value,
  error,
  onChange,
}: {
  field: CertificateFieldDefinition;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const input = valueInputFor(field);
  if (input.kind === 'choice' && !input.multiple)
    return (
      <View className="rc-field">
        <Text className="rc-field__label">{field.label}</Text>
        <ChoiceChips
          label={field.label}
          choices={input.choices}
          value={value || null}
          onChange={onChange}
          error={error}
        />
      </View>
    );
  if (input.kind === 'choice') {
    const chosen = value.split(',').filter(Boolean);
    return (
      <View className={error ? 'rc-field rc-field--error' : 'rc-field'}>
        <Text className="rc-field__label">{`${field.label}（可多选）`}</Text>
        <View className="rc-chips__list" role="group" aria-label={field.label}>
          {input.choices.map((choice) => {
            const on = chosen.includes(choice.value);
            return (
              <View
                key={choice.value}
                className={on ? 'rc-chips__chip rc-chips__chip--on' : 'rc-chips__chip'}
                role="checkbox"
                aria-checked={on}
                onClick={() => onChange(toggleCode(value, choice.value))}
              >
                <Text>{on ? `✓ ${choice.label}` : choice.label}</Text>
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
  if (input.kind === 'none') return null;
  return (
    <TextField
      label={field.label}
      value={value}
      placeholder={input.placeholder}
      maxlength={input.maxLength}
      hint={input.hint}
      error={error}
      onChange={onChange}
    />
  );
}
