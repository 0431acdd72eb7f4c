import { Text, Textarea, View } from '@tarojs/components';
import { TextField } from '../../../components/Form';
import { displayValue, fieldMode, type FormField, type PrefillRow } from '../form-state';
import type { ApplicationForm } from '../useApplicationForm';
import './applications.scss';

/** A value from the records: label, value; nothing to type (信息免填报). */
export function Fact({
  label,
  value,
  action,
  error,
}: {
  label: string;
  value: string;
  action?: { text: string; onClick: () => void };
  error?: boolean;
}) {
  return (
    <View className={error ? 'apply-fact apply-fact--error' : 'apply-fact'}>
      <Text className="apply-fact__label">{label}</Text>
      <Text className="apply-fact__value">{value}</Text>
      {action ? (
        <View className="apply-fact__edit" role="button" aria-label={`${action.text}${label}`} onClick={action.onClick}>
          {action.text}
        </View>
      ) : null}
    </View>
  );
}

export function PrefillFacts({ rows }: { rows: PrefillRow[] }) {
  return (
    <View>
      {rows.map((row) => (
        <Fact key={row.key} label={row.label} value={row.value} />
      ))}
    </View>
  );
}

/** A statement (补发的遗失说明): several lines, with its count and error. */
function StatementField({
  field,
  value,
  error,
  onChange,
}: {
  field: FormField;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  return (
    <View className={error ? 'rc-field rc-field--error' : 'rc-field'}>
      <Text className="rc-field__label">{field.label}</Text>
      <Textarea
        className="apply-textarea"
        value={value}
        placeholder={field.placeholder}
        maxlength={field.maxLength}
        ariaLabel={field.label}
        onInput={(event) => onChange(event.detail.value)}
      />
      {error ? (
        <View className="rc-field__error" role="alert">
          {error}
        </View>
      ) : (
        <Text className="rc-field__hint">{`${value.length}/${field.maxLength ?? 200}字`}</Text>
      )}
    </View>
  );
}

/** One field: confirmed value with 修改, or the input with its error next to it. */
export function FormFieldRow({ form, field }: { form: ApplicationForm; field: FormField }) {
  const typeCode = form.saved?.typeCode ?? '';
  const value = form.values[field.key] ?? '';
  const error = form.errors[field.key];
  const mode = fieldMode(field, value, form.editing.has(field.key), error);
  if (mode === 'fixed') return <Fact label={field.label} value={displayValue(typeCode, field.key, value)} />;
  if (mode === 'confirm')
    return (
      <Fact
        label={field.label}
        value={displayValue(typeCode, field.key, value)}
        action={{ text: '修改', onClick: () => form.edit(field.key) }}
      />
    );
  if (field.multiline)
    return (
      <StatementField field={field} value={value} error={error} onChange={(next) => form.setValue(field.key, next)} />
    );
  return (
    <View className="apply-field">
      <TextField
        label={field.required ? field.label : `${field.label}（选填）`}
        value={value}
        placeholder={field.placeholder}
        maxlength={field.maxLength}
        error={error}
        hint={field.hint}
        onChange={(next) => form.setValue(field.key, next)}
      />
    </View>
  );
}
