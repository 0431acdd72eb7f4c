import Taro from '@tarojs/taro';

/** Puts text on the clipboard; false when the platform refused (the caller shows the text to copy by hand). */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await Taro.setClipboardData({ data: text });
    return true;
  } catch {
    return false;
  }
}
