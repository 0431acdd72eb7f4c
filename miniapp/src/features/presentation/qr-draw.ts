import type { QrMatrix } from './qr-matrix';

/** The part of a 2D canvas context the QR needs: the same on WeChat's canvas 2d and in browsers. */
export interface QrContext {
  fillStyle: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
}

export interface QrDrawing {
  /** Side of the square canvas, in device pixels. */
  pixels: number;
  /** Dark modules: black when valid, red when not. */
  colour: string;
  background?: string;
  /** Light border in modules; the standard asks for 4. */
  quietZone?: number;
}

/** Whole device pixels per module (blurry half-pixel modules scan badly), at least 1. */
export function modulePixels(matrix: Pick<QrMatrix, 'size'>, pixels: number, quietZone = 4): number {
  return Math.max(1, Math.floor(pixels / (matrix.size + 2 * quietZone)));
}

/** Paints the code centred on a square canvas of `pixels`, runs of dark modules as one rectangle. */
export function drawQr(context: QrContext, matrix: QrMatrix, drawing: QrDrawing): void {
  const quietZone = drawing.quietZone ?? 4;
  const unit = modulePixels(matrix, drawing.pixels, quietZone);
  const offset = Math.floor((drawing.pixels - unit * matrix.size) / 2);
  context.fillStyle = drawing.background ?? '#ffffff';
  context.fillRect(0, 0, drawing.pixels, drawing.pixels);
  context.fillStyle = drawing.colour;
  for (let row = 0; row < matrix.size; row += 1) {
    let runStart = -1;
    for (let column = 0; column <= matrix.size; column += 1) {
      const dark = column < matrix.size && matrix.isDark(row, column);
      if (dark && runStart < 0) runStart = column;
      if (!dark && runStart >= 0) {
        context.fillRect(offset + runStart * unit, offset + row * unit, (column - runStart) * unit, unit);
        runStart = -1;
      }
    }
  }
}
