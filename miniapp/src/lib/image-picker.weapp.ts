import Taro from '@tarojs/taro';
import type * as Contract from './image-picker';
import { mimeTypeOf, orientedSize, type PickedImage } from './picked-image';

const UNAVAILABLE = '无法使用相机或相册，请在微信设置中允许访问后重试';

function isCancel(error: unknown): boolean {
  const message = (error as { errMsg?: unknown } | null)?.errMsg;
  return typeof message === 'string' && /cancel/i.test(message);
}

/** Decoded size and type; zeros when WeChat cannot read it (the pre-checks then say why). */
async function describe(path: string): Promise<Pick<PickedImage, 'width' | 'height' | 'mimeType'>> {
  try {
    const info = await Taro.getImageInfo({ src: path });
    // The <Image> component shows the photo upright, so the crop frame works in that orientation.
    return { ...orientedSize(info.width, info.height, info.orientation), mimeType: mimeTypeOf(info.type) };
  } catch {
    return { width: 0, height: 0, mimeType: null };
  }
}

export const pickImage: typeof Contract.pickImage = async (source, camera = 'front') => {
  let chosen: Taro.chooseMedia.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: [source],
      // Original pixels: the server orients, crops and compresses; WeChat's compression would cost detail.
      sizeType: ['original'],
      camera,
    });
  } catch (error) {
    if (isCancel(error)) return null;
    throw new Error(UNAVAILABLE, { cause: error });
  }
  const file = chosen.tempFiles[0];
  if (!file) return null;
  const name = file.tempFilePath.split('/').pop() ?? 'photo.jpg';
  return { path: file.tempFilePath, name, size: file.size, ...(await describe(file.tempFilePath)) };
};

/** Temp files belong to WeChat, which removes them itself. */
export const releaseImage: typeof Contract.releaseImage = () => undefined;
