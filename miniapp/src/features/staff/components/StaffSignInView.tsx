import { Input, Text, View } from '@tarojs/components';
import { Card, FormError, TextField, TextLink } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { relaunch } from '../../../lib/router';
import type { useStaffSignIn } from '../useStaffSignIn';

/** TextField has no password mode; the same look with the input masked. */
function PasswordField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <View className="rc-field">
      <Text className="rc-field__label">密码</Text>
      <View className="rc-field__row">
        <Input
          className="rc-field__input"
          value={value}
          password
          placeholder="请输入密码"
          placeholderClass="rc-field__placeholder"
          maxlength={200}
          ariaLabel="密码"
          nativeProps={{ autocomplete: 'current-password' }}
          onInput={(event) => onChange(event.detail.value)}
        />
      </View>
    </View>
  );
}

/** 工作人员登录: 用户名 + 密码, then the 动态验证码 of the authenticator app. */
export function StaffSignInView({ signIn }: { signIn: ReturnType<typeof useStaffSignIn> }) {
  return (
    <View className="staff-sign-in">
      <View className="staff-sign-in__intro">
        <Text className="staff-sign-in__title">工作人员登录</Text>
        <Text className="staff-sign-in__subtitle">道路运输电子证照 · 运管工作台</Text>
      </View>
      <Card title={signIn.step === 'password' ? '第一步：用户名和密码' : '第二步：动态验证码'}>
        {signIn.step === 'password' ? (
          <View>
            <TextField
              label="用户名"
              value={signIn.username}
              onChange={signIn.setUsername}
              placeholder="请输入用户名"
              maxlength={64}
              autoComplete="username"
            />
            <PasswordField value={signIn.password} onChange={signIn.setPassword} />
            <FormError message={signIn.error} />
            <Button
              type="primary"
              size="large"
              block
              loading={signIn.pending}
              onClick={() => void signIn.submitPassword()}
            >
              下一步
            </Button>
          </View>
        ) : (
          <View>
            <Text className="staff-sign-in__hint">
              请打开身份验证器（如手机上的验证器应用），输入“RoadCert: {signIn.username.trim()}
              ”当前显示的6位数字。验证码每30秒更新。
            </Text>
            <TextField
              label="动态验证码"
              value={signIn.code}
              onChange={signIn.setCode}
              placeholder="6位数字"
              type="number"
              maxlength={6}
              autoComplete="one-time-code"
            />
            <FormError message={signIn.error} />
            <Button type="primary" size="large" block loading={signIn.pending} onClick={() => void signIn.submitCode()}>
              登录
            </Button>
            <TextLink onClick={signIn.backToPassword}>返回上一步</TextLink>
          </View>
        )}
      </Card>
      <Text className="staff-sign-in__note">
        本入口仅供道路运输管理机构工作人员使用。连续5次输错密码或验证码，账号将锁定15分钟。
      </Text>
      <TextLink onClick={() => void relaunch('home')}>返回群众办事首页</TextLink>
    </View>
  );
}
