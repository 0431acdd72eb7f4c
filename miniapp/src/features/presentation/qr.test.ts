import jsQR from 'jsqr';
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { drawQr, modulePixels, type QrContext } from './qr-draw';
import { qrMatrix, qrSegments } from './qr-matrix';

/** A canvas stand-in that paints into RGBA pixels, so an independent decoder can read the result. */
function pixelCanvas(pixels: number) {
  const data = new Uint8ClampedArray(pixels * pixels * 4);
  let rgb: [number, number, number] = [0, 0, 0];
  const context: QrContext & { fillStyle: unknown } = {
    get fillStyle() {
      return rgb;
    },
    set fillStyle(value: unknown) {
      const hex = String(value).replace('#', '');
      rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    },
    fillRect(x, y, width, height) {
      for (let row = y; row < y + height; row += 1)
        for (let column = x; column < x + width; column += 1) {
          const at = (row * pixels + column) * 4;
          data.set([...rgb, 255], at);
        }
    },
  };
  return { context, data };
}

/** A token URL of the size the codec produces (~140 bytes → ~340 digits). */
const digits = Array.from({ length: 340 }, (_, i) => String((i * 7 + 3) % 10)).join('');
const tokenUrl = `https://roadcert.example.gov.cn/v/${digits}`;

describe('QR of a token URL', () => {
  it('puts the URL prefix in byte mode and the digits in numeric mode', () => {
    expect(qrSegments(tokenUrl)).toEqual([
      { data: 'https://roadcert.example.gov.cn/v/', mode: 'Byte' },
      { data: digits, mode: 'Numeric' },
    ]);
    expect(qrSegments('http://x/v/1234')).toEqual([{ data: 'http://x/v/1234', mode: 'Byte' }]);
    expect(qrSegments('12345678')).toEqual([{ data: '12345678', mode: 'Numeric' }]);
  });

  it('stays at version 10 or lower at error correction M (byte mode alone would not)', () => {
    expect(qrMatrix(tokenUrl).version).toBeLessThanOrEqual(10);
    const byteOnly = qrcode(0, 'M');
    byteOnly.addData(tokenUrl, 'Byte');
    byteOnly.make();
    expect((byteOnly.getModuleCount() - 17) / 4).toBeGreaterThan(10);
  });

  it('draws a code that an independent decoder (jsQR) reads back exactly, in black and in red', () => {
    const matrix = qrMatrix(tokenUrl);
    for (const colour of ['#000000', '#c62828']) {
      const pixels = 480;
      const { context, data } = pixelCanvas(pixels);
      drawQr(context, matrix, { pixels, colour });
      const decoded = jsQR(data, pixels, pixels);
      expect(decoded?.data).toBe(tokenUrl);
      expect(decoded?.version).toBe(matrix.version);
    }
  });

  it('uses whole pixels per module and keeps the quiet zone', () => {
    expect(modulePixels({ size: 57 }, 480)).toBe(7); // 480 / (57 + 8) = 7.38
    expect(modulePixels({ size: 57 }, 40)).toBe(1);
  });
});
