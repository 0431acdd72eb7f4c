import type { RgbImage } from './decode';

/** Luma (0–255, one byte per pixel) as an array the checks and sharp can both read. */
export type Luma = Uint8Array | Float32Array;

/** Rec. 601 luma of gamma-encoded sRGB, 0–255, in 8-bit fixed point ((77 R + 150 G + 29 B) / 256). */
export function lumaOf(image: RgbImage): Uint8Array {
  const { data, width, height } = image;
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < out.length; i += 1, p += 3)
    out[i] = (77 * data[p]! + 150 * data[p + 1]! + 29 * data[p + 2]! + 128) >> 8;
  return out;
}

export type Stats = { mean: number; stdev: number; count: number };

/** Mean and standard deviation of luma inside the given rectangles (pixel coordinates, end exclusive). */
export function statsIn(luma: Luma, width: number, rects: { x0: number; y0: number; x1: number; y1: number }[]): Stats {
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (const r of rects) {
    for (let y = r.y0; y < r.y1; y += 1) {
      for (let x = r.x0; x < r.x1; x += 1) {
        const v = luma[y * width + x]!;
        sum += v;
        sumSq += v * v;
        count += 1;
      }
    }
  }
  const mean = count ? sum / count : 0;
  return { mean, stdev: count ? Math.sqrt(Math.max(0, sumSq / count - mean * mean)) : 0, count };
}

/**
 * Where the subject is: pixels whose luma differs from the background estimate by more
 * than `minDifference`, in rows y0…y1. Returns the horizontal centre of mass and the
 * first row holding a real share of subject pixels (the top of the head), both as
 * fractions, and the share of subject pixels.
 */
export function subjectIn(
  luma: Luma,
  width: number,
  height: number,
  background: number,
  minDifference: number,
  rows = { y0: 0, y1: height },
) {
  let count = 0;
  let sumX = 0;
  let top = -1;
  for (let y = rows.y0; y < rows.y1; y += 1) {
    let inRow = 0;
    for (let x = 0; x < width; x += 1) {
      if (Math.abs(luma[y * width + x]! - background) > minDifference) {
        inRow += 1;
        sumX += x;
      }
    }
    if (top < 0 && inRow > width * 0.04) top = y;
    count += inRow;
  }
  const area = width * (rows.y1 - rows.y0);
  return {
    share: area ? count / area : 0,
    centreX: count ? (sumX / count + 0.5) / width : 0.5,
    top: top < 0 ? null : top / height,
  };
}
