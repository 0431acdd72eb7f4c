import Taro from '@tarojs/taro';

/** Rendered width in px of the element matching `selector` (e.g. `#id`) on the current page; 0 if absent. */
export function measureWidth(selector: string): Promise<number> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(selector)
      .boundingClientRect((rect) => {
        const box = Array.isArray(rect) ? rect[0] : rect;
        resolve(box?.width ?? 0);
      })
      .exec();
  });
}
