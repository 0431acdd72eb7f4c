import { Text, View } from '@tarojs/components';
import type { TokenPair } from '@roadcert/shared';
import { useState } from 'react';
import { FormError, TextLink } from '../../../components/Form';
import { Button } from '../../../components/nutui';
import { enterApp, startSession } from '../complete-sign-in';
import { useWechatSignIn } from '../useWechatSignIn.weapp';
import type * as Contract from './SignInMethods';
import { SmsSignInForm } from './SmsSignInForm';

async function signedInBySms(pair: TokenPair): Promise<void> {
  await startSession(pair);
  await enterApp();
}

/** After 微信一键登录 without a phone number on the account: WeChat's phone-number button, or skip. */
function BindPhoneStep({ wechat }: { wechat: ReturnType<typeof useWechatSignIn> }) {
  return (
    <View>
      <Text className="sign-in__step-title">绑定手机号</Text>
      <Text className="sign-in__step-text">绑定手机号后，可接收证照到期提醒，企业也可通过手机号为您授权。</Text>
      <FormError message={wechat.error} />
      <Button
        type="primary"
        size="large"
        block
        openType="getPhoneNumber"
        loading={wechat.pending}
        onGetPhoneNumber={(event) => void wechat.bindPhone(event.detail.code, event.detail.errMsg)}
      >
        使用微信绑定的手机号
      </Button>
      <TextLink onClick={() => void enterApp()}>暂不绑定，进入首页</TextLink>
    </View>
  );
}

/** Mini-program: 微信一键登录 first; phone + SMS code as the fallback. */
export const SignInMethods: typeof Contract.SignInMethods = () => {
  const wechat = useWechatSignIn();
  const [useSms, setUseSms] = useState(false);

  if (wechat.stage === 'bind-phone') return <BindPhoneStep wechat={wechat} />;
  if (useSms) {
    return (
      <View>
        <SmsSignInForm onSignedIn={signedInBySms} />
        <TextLink onClick={() => setUseSms(false)}>返回微信一键登录</TextLink>
      </View>
    );
  }
  return (
    <View>
      <Text className="sign-in__step-text">使用当前微信账号登录，无需输入密码。</Text>
      <FormError message={wechat.error} />
      <Button type="primary" size="large" block loading={wechat.pending} onClick={() => void wechat.signIn()}>
        微信一键登录
      </Button>
      <TextLink onClick={() => setUseSms(true)}>使用手机号验证码登录</TextLink>
    </View>
  );
};
