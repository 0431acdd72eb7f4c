import {
  accountProfileSchema,
  smsCodeRequestSchema,
  smsCodeSentSchema,
  smsLoginSchema,
  tokenPairSchema,
  wechatLoginSchema,
  wechatPhoneSchema,
} from '@roadcert/shared';
import type { createRouteTable } from '../../../http/route';
import { createAccountData, type AuthDeps } from '../account.module';
import { currentAccountId } from '../identity/caller';
import { createSmsSignIn } from './sms-sign-in';
import { createWechatSignIn } from './wechat-sign-in';

/** Holder sign-in: portal phone + SMS code, mini-program WeChat login and phone binding. */
export function authRoutes({ route }: ReturnType<typeof createRouteTable>, deps: AuthDeps) {
  const signInDeps = { ...deps, ...createAccountData(deps) };
  const sms = createSmsSignIn(signInDeps);
  const wechat = createWechatSignIn(signInDeps);

  route({
    method: 'post',
    path: '/api/v1/auth/sms-codes',
    summary: 'Send a 6-digit sign-in code (per number 1/min, 5/h, 10/day; per IP 20/h)',
    tags: ['auth'],
    access: 'public',
    body: smsCodeRequestSchema,
    response: smsCodeSentSchema,
    handler: async (ctx, { body }) => sms.requestCode(body.phone, ctx.ip),
  });

  route({
    method: 'post',
    path: '/api/v1/auth/sms-login',
    summary: 'Sign in with phone + SMS code (the account is created on first sign-in)',
    tags: ['auth'],
    access: 'public',
    body: smsLoginSchema,
    response: tokenPairSchema,
    handler: async (ctx, { body }) => sms.signIn(body, ctx.state.requestId),
  });

  route({
    method: 'post',
    path: '/api/v1/auth/wechat-login',
    summary: 'Mini-program sign-in with the wx.login code (503 when WeChat is not configured)',
    tags: ['auth'],
    access: 'public',
    body: wechatLoginSchema,
    response: tokenPairSchema,
    handler: async (ctx, { body }) => wechat.signIn(body.code, body.device, ctx.state.requestId),
  });

  route({
    method: 'post',
    path: '/api/v1/auth/wechat-phone',
    summary: "Bind the phone number from the mini-program's getPhoneNumber button to this account",
    tags: ['auth'],
    access: 'account',
    body: wechatPhoneSchema,
    response: accountProfileSchema,
    handler: async (ctx, { body }) => wechat.bindPhone(currentAccountId(ctx.state), body.code),
  });
}
