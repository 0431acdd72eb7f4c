import type * as Contract from './face-verify';

/** Taro H5 has no startFacialRecognitionVerify; only the server's stand-in works in a browser. */
export const platformFaceVerification: typeof Contract.platformFaceVerification = {
  available: false,
  run: () => Promise.reject(new Error('网页版不支持人脸核验，请在微信小程序中完成')),
};
