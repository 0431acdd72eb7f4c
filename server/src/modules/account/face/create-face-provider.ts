import type { Config } from '../../../config';
import type { Logger } from '../../../lib/logger';
import type { FaceVerificationProvider } from './face-verification-provider';
import { createLocalStandInFaceProvider } from './local-stand-in-provider';
import { createWechatFaceProvider, type WechatFaceApi } from './wechat-face-provider';

/**
 * Picks the face verification provider from configuration (the one place that does):
 * FACE_PROVIDER=wechat checks results with WeChat through the WeChat client;
 * FACE_PROVIDER=local is the labelled stand-in (config.ts refuses it in production).
 */
export function createFaceVerificationProvider(
  config: Pick<Config, 'face'>,
  logger: Logger,
  wechat: WechatFaceApi | null,
): FaceVerificationProvider {
  if (config.face.provider === 'wechat') {
    if (!wechat) throw new Error('FACE_PROVIDER=wechat needs the WeChat client (WECHAT_APP_ID, WECHAT_APP_SECRET)'); // config.ts refuses this already
    return createWechatFaceProvider(wechat);
  }
  logger.warn(
    'face verification uses the LOCAL STAND-IN provider (FACE_PROVIDER=local): no real face check; refused in production',
  );
  return createLocalStandInFaceProvider(logger);
}
