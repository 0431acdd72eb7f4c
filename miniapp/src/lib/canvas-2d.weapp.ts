import Taro from '@tarojs/taro';

/** What a WeChat `<canvas type="2d">` node offers (the browser's canvas has the same members). */
export interface Canvas2dNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasRenderingContext2D;
}

export interface Canvas2d {
  canvas: Canvas2dNode;
  context: CanvasRenderingContext2D;
  /** Rendered size in CSS px. */
  width: number;
  height: number;
  pixelRatio: number;
}

function pixelRatio(): number {
  try {
    return Taro.getWindowInfo().pixelRatio || 2;
  } catch {
    return 2;
  }
}

/**
 * The 2D context of the `<Canvas type="2d" id=…>` matching `selector` on the current page, with
 * its backing store sized to the device's pixels. Null while the node is not laid out yet.
 */
export function canvas2d(selector: string): Promise<Canvas2d | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(selector)
      .fields({ node: true, size: true }, (result) => {
        const found = (Array.isArray(result) ? result[0] : result) as {
          node?: Canvas2dNode;
          width?: number;
          height?: number;
        } | null;
        if (!found?.node || !found.width || !found.height) return resolve(null);
        const ratio = pixelRatio();
        const canvas = found.node;
        canvas.width = Math.round(found.width * ratio);
        canvas.height = Math.round(found.height * ratio);
        resolve({
          canvas,
          context: canvas.getContext('2d'),
          width: found.width,
          height: found.height,
          pixelRatio: ratio,
        });
      })
      .exec();
  });
}
