import { Input, Text, View } from '@tarojs/components';
import type { InputProps } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import './form.scss';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: InputProps['type'];
  maxlength?: number;
  error?: string;
  /** Shown under the field when there is no error, e.g. what format is expected. */
  hint?: string;
  disabled?: boolean;
  /** Something beside the input, e.g. the 获取验证码 button. */
  addon?: ReactNode;
  /** Browser autofill hint, e.g. `one-time-code`, `tel`, `name`. */
  autoComplete?: string;
}

/** A labelled input with its error (in words, red, announced) or hint underneath. */
export function TextField({
  label,
  value,
  onChange,
  placeholder,
  type = 'text',
  maxlength,
  error,
  hint,
  disabled,
  addon,
  autoComplete,
}: TextFieldProps) {
  return (
    <View className={error ? 'rc-field rc-field--error' : 'rc-field'}>
      <Text className="rc-field__label">{label}</Text>
      <View className="rc-field__row">
        <Input
          className="rc-field__input"
          value={value}
          type={type}
          placeholder={placeholder}
          placeholderClass="rc-field__placeholder"
          maxlength={maxlength}
          disabled={disabled}
          ariaLabel={label}
          nativeProps={autoComplete ? { autocomplete: autoComplete } : undefined}
          onInput={(event) => onChange(event.detail.value)}
        />
        {addon ? <View className="rc-field__addon">{addon}</View> : null}
      </View>
      {error ? (
        <View className="rc-field__error" role="alert">
          {error}
        </View>
      ) : hint ? (
        <Text className="rc-field__hint">{hint}</Text>
      ) : null}
    </View>
  );
}

interface CheckRowProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}

/**
 * A consent tick box: never pre-ticked (the caller starts it false), the whole row is the touch
 * target, and the state is written out for screen readers.
 */
export function CheckRow({ checked, onChange, error, children }: PropsWithChildren<CheckRowProps>) {
  return (
    <View className={error ? 'rc-check rc-check--error' : 'rc-check'}>
      <View className="rc-check__row" role="checkbox" aria-checked={checked} onClick={() => onChange(!checked)}>
        <View className={checked ? 'rc-check__box rc-check__box--on' : 'rc-check__box'}>{checked ? '✓' : ''}</View>
        <View className="rc-check__text">{children}</View>
      </View>
      {error ? (
        <View className="rc-field__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

/** An error about the whole form (wrong code, locked, mismatch, network), above its button. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <View className="rc-form-error" role="alert">
      <Text>{message}</Text>
    </View>
  );
}

/** A white card with an optional heading: the building block of every form and list page. */
export function Card({ title, extra, children }: PropsWithChildren<{ title?: string; extra?: ReactNode }>) {
  return (
    <View className="rc-card">
      {title ? (
        <View className="rc-card__head">
          <Text className="rc-card__title">{title}</Text>
          {extra}
        </View>
      ) : null}
      {children}
    </View>
  );
}

/** Text that acts as a link (secondary actions: 演示账号登录, 使用短信验证码登录). */
export function TextLink({ children, onClick, danger }: PropsWithChildren<{ onClick: () => void; danger?: boolean }>) {
  return (
    <View className={danger ? 'rc-link rc-link--danger' : 'rc-link'} role="link" onClick={onClick}>
      {children}
    </View>
  );
}

/** A stand-in notice: yellow, bordered, always saying it is not the real thing. */
export function StandInNotice({ title, children }: PropsWithChildren<{ title: string }>) {
  return (
    <View className="rc-stand-in" role="note">
      <Text className="rc-stand-in__title">{title}</Text>
      <View className="rc-stand-in__body">{children}</View>
    </View>
  );
}
