import type * as Contract from './face-verify';
import { wechatFaceVerify } from './wechat.weapp';

export const platformFaceVerification: typeof Contract.platformFaceVerification = {
  available: true,
  run: wechatFaceVerify,
};
