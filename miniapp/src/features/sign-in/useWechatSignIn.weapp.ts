import { useState } from 'react';
import { toApiError } from '../../lib/api-error';
import { currentDevice } from '../../lib/device';
import { WechatCallError, wechatLoginCode } from '../../lib/wechat.weapp';
import { bindWechatPhone, wechatLogin } from './api';
import { enterApp, startSession } from './complete-sign-in';

function messageOf(error: unknown): string {
  if (error instanceof WechatCallError) return error.message;
  return toApiError(error).message;
}

/** 微信一键登录 (Taro.login → server code2Session), then the optional phone-number binding. */
export function useWechatSignIn() {
  const [stage, setStage] = useState<'sign-in' | 'bind-phone'>('sign-in');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn(): Promise<void> {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const code = await wechatLoginCode();
      const pair = await wechatLogin({ code, device: currentDevice() });
      await startSession(pair);
      if (pair.account.phoneMasked === null) {
        setStage('bind-phone');
        setPending(false);
        return;
      }
      await enterApp();
    } catch (cause) {
      setError(messageOf(cause));
      setPending(false);
    }
  }

  /** `code` is absent when the person declined in WeChat's sheet; that is not an error to shout. */
  async function bindPhone(code: string | undefined, errMsg: string | undefined): Promise<void> {
    if (!code) {
      setError(
        /deny|cancel/i.test(errMsg ?? '') ? '您未授权使用手机号，可选择“暂不绑定，进入首页”' : '未能获取手机号，请重试',
      );
      return;
    }
    setPending(true);
    setError(null);
    try {
      await bindWechatPhone(code);
      await enterApp();
    } catch (cause) {
      setError(messageOf(cause));
      setPending(false);
    }
  }

  return { stage, pending, error, signIn, bindPhone };
}
