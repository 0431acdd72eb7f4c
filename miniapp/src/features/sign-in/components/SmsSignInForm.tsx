import { Text, View } from '@tarojs/components';
import type { TokenPair } from '@roadcert/shared';
import { FormError, TextField } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { fieldError } from '../../../lib/validation';
import { sendButtonLabel } from '../countdown';
import { digitsOnly, phoneInput } from '../digits';
import { useSmsSignIn } from '../useSmsSignIn';
import { LocalSmsPanel } from './LocalSmsPanel';

/** Phone number + 6-digit SMS code, with the resend countdown and the local-SMS panel. */
export function SmsSignInForm({ onSignedIn }: { onSignedIn: (pair: TokenPair) => Promise<unknown> }) {
  const form = useSmsSignIn(onSignedIn);
  const { fields } = form.errors;
  const sendLabel = sendButtonLabel(form.remaining, form.sent !== null);
  return (
    <View className="sms-sign-in">
      <TextField
        label="手机号"
        type="number"
        value={form.phone}
        onChange={(value) => form.setPhone(phoneInput(value))}
        placeholder="请输入11位手机号"
        maxlength={11}
        autoComplete="tel"
        error={fieldError(fields, 'phone')}
      />
      <TextField
        label="验证码"
        type="number"
        value={form.code}
        onChange={(value) => form.setCode(digitsOnly(value, 6))}
        placeholder="6位数字"
        maxlength={6}
        autoComplete="one-time-code"
        error={fieldError(fields, 'code')}
        hint={
          form.sent
            ? `验证码已发送至 ${form.sent.phone.slice(0, 3)}****${form.sent.phone.slice(-4)}，5分钟内有效`
            : undefined
        }
        addon={
          <Button
            className="sms-sign-in__send"
            type="primary"
            fill="outline"
            loading={form.sending}
            disabled={form.remaining > 0}
            aria-label={form.remaining > 0 ? `${form.remaining}秒后可重新获取验证码` : sendLabel}
            onClick={() => void form.sendCode()}
          >
            {sendLabel}
          </Button>
        }
      />
      {form.sent?.deliveredBy === 'console' ? (
        <LocalSmsPanel phone={form.sent.phone} serial={form.sent.serial} onUseCode={form.setCode} />
      ) : null}
      <FormError message={form.errors.form} />
      <Button type="primary" size="large" block loading={form.signingIn} onClick={() => void form.signIn()}>
        登录
      </Button>
      <Text className="sms-sign-in__note">未注册的手机号验证后将自动创建账号</Text>
    </View>
  );
}
