import { photoCheckList, type PhotoCheck, type PhotoSpec } from '@roadcert/shared';
import type { RgbImage } from './decode';
import { lumaOf, statsIn, subjectIn } from './pixels';

/**
 * Thresholds, measured on the spec-sized result (what ends up on the certificate).
 * Calibrated on the generated fixtures (server/src/test/photo-fixtures.ts); the measurements
 * behind each figure are in docs/photos.md. Luma is Rec. 601 on 0–255.
 */
export const portraitThresholds = {
  /** Mean luma of the face zone (the middle 40 % across, 20–60 % down, where a framed face sits). */
  brightness: { min: 65, max: 215 },
  /**
   * Variance of the 3×3 Laplacian of the luma at the spec size, scaled to a reference
   * contrast (luma σ = 50): the raw variance grows with the square of contrast, so a dim
   * but focused photo would otherwise read as blurred.
   */
  sharpness: { min: 60 },
  /** Mean luma of the border strips (top band, upper sides). */
  backgroundLight: { min: 180 },
  /** Standard deviation of luma in the same strips. */
  backgroundPlain: { max: 20 },
  /** |subject centre of mass − 0.5|, as a share of the width, over the upper 75 %. */
  centred: { max: 0.08 },
  /** Subject pixels: luma differs from the background mean by more than this (or 3 σ of the background). */
  subjectMinDifference: 30,
  /** Below this share of subject pixels, no person was found. */
  subjectMinShare: 0.05,
} as const;

/** The 3×3 Laplacian (4-neighbour), as sharp.convolve takes it. */
export const LAPLACIAN = { width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0] };
/** Luma standard deviation the sharpness figure is normalised to. */
const REFERENCE_CONTRAST = 50;

export type PortraitMeasurements = {
  resolutionPx: number;
  brightness: number;
  sharpness: number;
  backgroundMean: number;
  backgroundStdev: number;
  subjectShare: number;
  centreOffset: number;
};

/** Everything the checks need, from the spec-sized pixels (plus the crop's source width). */
export function measurePortrait(photo: RgbImage, resolutionPx: number): PortraitMeasurements {
  const { width, height } = photo;
  const luma = lumaOf(photo);
  const whole = statsIn(luma, width, [{ x0: 0, y0: 0, x1: width, y1: height }]);
  const face = statsIn(luma, width, [
    {
      x0: Math.round(width * 0.3),
      y0: Math.round(height * 0.2),
      x1: Math.round(width * 0.7),
      y1: Math.round(height * 0.6),
    },
  ]);
  const band = Math.round(height * 0.07);
  const side = Math.round(width * 0.08);
  const lower = Math.round(height * 0.45);
  const background = statsIn(luma, width, [
    { x0: 0, y0: 0, x1: width, y1: band },
    { x0: 0, y0: band, x1: side, y1: lower },
    { x0: width - side, y0: band, x1: width, y1: lower },
  ]);
  const subject = subjectIn(
    luma,
    width,
    height,
    background.mean,
    Math.max(portraitThresholds.subjectMinDifference, 3 * background.stdev),
    { y0: 0, y1: Math.round(height * 0.75) },
  );
  return {
    resolutionPx,
    brightness: face.mean,
    sharpness: laplacianVariance(luma, width, height) * (REFERENCE_CONTRAST / Math.max(whole.stdev, 5)) ** 2,
    backgroundMean: background.mean,
    backgroundStdev: background.stdev,
    subjectShare: subject.share,
    centreOffset: subject.share >= portraitThresholds.subjectMinShare ? Math.abs(subject.centreX - 0.5) : 0.5,
  };
}

/**
 * Variance of the Laplacian (interior pixels): low when edges are soft (blur, shake,
 * upscaling). Computed here on the luma already in hand: the same kernel through
 * sharp.convolve (float output) gives the same figure — a test holds them equal — but
 * costs a libvips round trip (1.6 ms vs 0.5 ms at 358×441), which the 1080×1440
 * benchmark could not afford under its 2× target.
 */
export function laplacianVariance(luma: Uint8Array, width: number, height: number): number {
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1, i = y * width + 1; x < width - 1; x += 1, i += 1) {
      const v = luma[i - 1]! + luma[i + 1]! + luma[i - width]! + luma[i + width]! - 4 * luma[i]!;
      sum += v;
      sumSq += v * v;
    }
  }
  const n = (width - 2) * (height - 2);
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * The verdict's checks, each with its own Chinese message, in photoCheckList order (most
 * important first): the first failed one is the reason the upload answers with.
 */
export function judgePortrait(m: PortraitMeasurements, spec: Pick<PhotoSpec, 'widthPx'>): PhotoCheck[] {
  const rank = (c: PhotoCheck) => photoCheckList.indexOf(c.check);
  return portraitChecks(m, spec).sort((a, b) => rank(a) - rank(b));
}

function portraitChecks(m: PortraitMeasurements, spec: Pick<PhotoSpec, 'widthPx'>): PhotoCheck[] {
  const t = portraitThresholds;
  const dark = m.brightness < t.brightness.min;
  const bright = m.brightness > t.brightness.max;
  const noSubject = m.subjectShare < t.subjectMinShare;
  const busy = m.backgroundStdev > t.backgroundPlain.max;
  const centred = m.centreOffset <= t.centred.max;
  return [
    {
      check: 'RESOLUTION',
      passed: m.resolutionPx >= spec.widthPx,
      measured: Math.round(m.resolutionPx),
      threshold: { min: spec.widthPx, max: null },
      message:
        m.resolutionPx >= spec.widthPx
          ? '分辨率符合要求'
          : `照片分辨率过低：人像区域宽${Math.round(m.resolutionPx)}像素，至少需要${spec.widthPx}像素。请使用后置摄像头、靠近一些重新拍摄`,
    },
    {
      check: 'BRIGHTNESS',
      passed: !dark && !bright,
      measured: round(m.brightness),
      threshold: { min: t.brightness.min, max: t.brightness.max },
      message: dark
        ? '照片太暗，请在光线充足、均匀的地方重新拍摄'
        : bright
          ? '照片太亮（曝光过度），请避开强光直射后重新拍摄'
          : '亮度合适',
    },
    {
      check: 'SHARPNESS',
      passed: m.sharpness >= t.sharpness.min,
      measured: Math.round(m.sharpness),
      threshold: { min: t.sharpness.min, max: null },
      message: m.sharpness >= t.sharpness.min ? '清晰度合适' : '照片模糊，请保持手机稳定、对焦清晰后重新拍摄',
    },
    {
      check: 'BACKGROUND_LIGHT',
      passed: m.backgroundMean >= t.backgroundLight.min,
      measured: round(m.backgroundMean),
      threshold: { min: t.backgroundLight.min, max: null },
      message:
        m.backgroundMean >= t.backgroundLight.min ? '背景颜色合适' : '背景颜色过深，请在白色或浅色的纯色墙前拍摄',
    },
    {
      check: 'BACKGROUND_PLAIN',
      passed: m.backgroundStdev <= t.backgroundPlain.max,
      measured: round(m.backgroundStdev),
      threshold: { min: null, max: t.backgroundPlain.max },
      message:
        m.backgroundStdev <= t.backgroundPlain.max
          ? '背景干净'
          : '背景不够干净（有杂物、图案或阴影），请在纯色墙前拍摄',
    },
    {
      check: 'CENTRED',
      passed: centred,
      measured: round(m.centreOffset, 3),
      threshold: { min: null, max: t.centred.max },
      message: centred
        ? '人像居中'
        : busy
          ? '背景杂乱，无法确认人像位置，请在纯色墙前重新拍摄'
          : noSubject
            ? '未检测到人像，请正对镜头、上半身入镜后重新拍摄'
            : '人像没有居中，请将头部置于取景框中央',
    },
  ];
}
