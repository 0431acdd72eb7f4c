import Taro from '@tarojs/taro';
import type * as Contract from './screen';

/**
 * Calls a WeChat API that may be missing on an older base library or refuse (e.g. capture
 * hiding on iOS): the screen works without it, so any failure, thrown or rejected, is ignored.
 */
function quietly<T>(call: () => Promise<T> | undefined): Promise<T | undefined> {
  try {
    return Promise.resolve(call()).catch(() => undefined);
  } catch {
    return Promise.resolve(undefined);
  }
}

/** WeChat keeps the brightness set by the mini-program only while it is in front; we restore it on leave anyway. */
export const holdScreenForPresentation: typeof Contract.holdScreenForPresentation = () => {
  let previous: number | null = null;
  let released = false;
  void quietly(() => Taro.getScreenBrightness()).then((result) => {
    if (released || !result) return;
    previous = result.value;
    void quietly(() => Taro.setScreenBrightness({ value: 1 }));
  });
  void quietly(() => Taro.setKeepScreenOn({ keepScreenOn: true }));
  // Android: the screen turns black in screenshots and recordings (iOS has no such switch).
  void quietly(() => Taro.setVisualEffectOnCapture({ visualEffect: 'hidden' }));

  return () => {
    released = true;
    if (previous !== null) void quietly(() => Taro.setScreenBrightness({ value: previous ?? 0.5 }));
    void quietly(() => Taro.setKeepScreenOn({ keepScreenOn: false }));
    void quietly(() => Taro.setVisualEffectOnCapture({ visualEffect: 'none' }));
  };
};

export const watchScreenCapture: typeof Contract.watchScreenCapture = (onCapture) => {
  const listener = () => onCapture();
  try {
    Taro.onUserCaptureScreen(listener);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      Taro.offUserCaptureScreen(listener);
    } catch {
      // Never registered.
    }
  };
};
