import Taro from '@tarojs/taro';

/** Scrolls the page so the element is at the top (e.g. a result that appears below its form). */
export async function scrollToSelector(selector: string): Promise<void> {
  try {
    await Taro.pageScrollTo({ selector, duration: 300 });
  } catch {
    // Not rendered yet or not supported: the person scrolls themselves.
  }
}
