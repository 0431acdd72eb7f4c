/**
 * The ways to sign in on this platform: SignInMethods.h5.tsx (phone + SMS code) and
 * SignInMethods.weapp.tsx (微信一键登录, phone-number button, SMS fallback).
 */
export declare function SignInMethods(): JSX.Element;
