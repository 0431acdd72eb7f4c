import { beforeEach, describe, expect, it, vi } from 'vitest';

const taro = vi.hoisted(() => ({
  getScreenBrightness: vi.fn(),
  setScreenBrightness: vi.fn(),
  setKeepScreenOn: vi.fn(),
  setVisualEffectOnCapture: vi.fn(),
  onUserCaptureScreen: vi.fn(),
  offUserCaptureScreen: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({ default: taro }));

import { holdScreenForPresentation, watchScreenCapture } from './screen.weapp';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.clearAllMocks();
  taro.getScreenBrightness.mockResolvedValue({ value: 0.3 });
  for (const fn of [taro.setScreenBrightness, taro.setKeepScreenOn, taro.setVisualEffectOnCapture])
    fn.mockResolvedValue({});
});

describe('screen while a QR is shown (WeChat)', () => {
  it('goes to full brightness, stays on and hides from capture; leaving restores all three', async () => {
    const release = holdScreenForPresentation();
    await settle();
    expect(taro.setScreenBrightness).toHaveBeenCalledWith({ value: 1 });
    expect(taro.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true });
    expect(taro.setVisualEffectOnCapture).toHaveBeenCalledWith({ visualEffect: 'hidden' });
    release();
    await settle();
    expect(taro.setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.3 });
    expect(taro.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: false });
    expect(taro.setVisualEffectOnCapture).toHaveBeenLastCalledWith({ visualEffect: 'none' });
  });

  it('keeps working where an API is missing or refuses (old base library, iOS capture hiding)', async () => {
    taro.setVisualEffectOnCapture.mockImplementation(() => {
      throw new TypeError('not a function');
    });
    taro.getScreenBrightness.mockRejectedValue(new Error('getScreenBrightness:fail'));
    const release = holdScreenForPresentation();
    await settle();
    expect(taro.setScreenBrightness).not.toHaveBeenCalled();
    expect(() => release()).not.toThrow();
    await settle();
    expect(taro.setScreenBrightness).not.toHaveBeenCalled(); // nothing to restore
  });

  it('reports screenshots until told to stop', () => {
    const onCapture = vi.fn();
    const stop = watchScreenCapture(onCapture);
    const listener = taro.onUserCaptureScreen.mock.calls[0]?.[0] as () => void;
    listener();
    expect(onCapture).toHaveBeenCalledTimes(1);
    stop();
    expect(taro.offUserCaptureScreen).toHaveBeenCalledWith(listener);
  });
});
