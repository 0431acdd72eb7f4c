import { cropBoxSchema, type CropBox, type PhotoSpec } from '@roadcert/shared';

/**
 * The crop frame, in pixels of the image *as displayed* (EXIF orientation applied): a centre
 * and a width; the height always follows from the spec's aspect, so the frame cannot drift
 * off it. Converted to the server's normalised crop box only when uploading.
 */
export interface CropFrame {
  centreX: number;
  centreY: number;
  width: number;
}

export interface ImageSize {
  width: number;
  height: number;
}

export interface CropGeometry {
  image: ImageSize;
  /** Spec width / height, e.g. 358 / 441. */
  aspect: number;
  /** Smallest frame width in image pixels (the spec width, so RESOLUTION can pass). */
  minWidth: number;
  maxWidth: number;
}

/** The frame may shrink to this share of its largest size, unless that would drop below the spec width. */
const SMALLEST_SHARE = 0.4;

export function cropGeometry(image: ImageSize, spec: Pick<PhotoSpec, 'widthPx' | 'heightPx'>): CropGeometry {
  const aspect = spec.widthPx / spec.heightPx;
  const maxWidth = Math.min(image.width, image.height * aspect);
  const minWidth = Math.min(maxWidth, Math.max(spec.widthPx, maxWidth * SMALLEST_SHARE));
  return { image, aspect, minWidth, maxWidth };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Width within [min, max], then the centre moved so the whole frame lies on the image. */
export function clampFrame(frame: CropFrame, g: CropGeometry): CropFrame {
  const width = clamp(frame.width, g.minWidth, g.maxWidth);
  const height = width / g.aspect;
  return {
    width,
    centreX: clamp(frame.centreX, width / 2, g.image.width - width / 2),
    centreY: clamp(frame.centreY, height / 2, g.image.height - height / 2),
  };
}

/** Where the frame starts: as large as the image allows, centred. */
export function initialFrame(g: CropGeometry): CropFrame {
  return clampFrame({ centreX: g.image.width / 2, centreY: g.image.height / 2, width: g.maxWidth }, g);
}

/** Moved by (dx, dy) image pixels, stopping at the edges. */
export function moveFrame(frame: CropFrame, dx: number, dy: number, g: CropGeometry): CropFrame {
  return clampFrame({ ...frame, centreX: frame.centreX + dx, centreY: frame.centreY + dy }, g);
}

/** Scaled around its centre (factor > 1 = larger frame = more of the photo), stopping at the limits. */
export function scaleFrame(frame: CropFrame, factor: number, g: CropGeometry): CropFrame {
  return clampFrame({ ...frame, width: frame.width * factor }, g);
}

export function canScale(frame: CropFrame, factor: number, g: CropGeometry): boolean {
  const epsilon = 0.5;
  return factor > 1 ? frame.width < g.maxWidth - epsilon : frame.width > g.minWidth + epsilon;
}

/** A distance on screen (px of the displayed stage) in image pixels. */
export function screenToImage(distance: number, stageWidth: number, g: CropGeometry): number {
  return stageWidth > 0 ? (distance * g.image.width) / stageWidth : 0;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The frame as the server's crop box: normalised to the displayed image, origin top-left.
 * Rounded to 6 decimals (the server allows 1e-6 past the edge) and kept inside [0, 1].
 */
export function toCropBox(frame: CropFrame, g: CropGeometry): CropBox {
  const f = clampFrame(frame, g);
  const { width: W, height: H } = g.image;
  const width = Math.min(1, round6(f.width / W));
  const height = Math.min(1, round6(f.width / g.aspect / H));
  const x = clamp(round6((f.centreX - f.width / 2) / W), 0, 1 - width);
  const y = clamp(round6((f.centreY - f.width / g.aspect / 2) / H), 0, 1 - height);
  return cropBoxSchema.parse({ x, y, width, height });
}

/** The frame for a box the server applied (`verdict.crop`), e.g. to adjust after a rejection. */
export function fromCropBox(box: CropBox, g: CropGeometry): CropFrame {
  const { width: W, height: H } = g.image;
  return clampFrame(
    { centreX: (box.x + box.width / 2) * W, centreY: (box.y + box.height / 2) * H, width: box.width * W },
    g,
  );
}

/** Relative difference between the box's pixel aspect and the spec's (the server allows 3 %). */
export function aspectError(box: CropBox, g: CropGeometry): number {
  const pixelAspect = (box.width * g.image.width) / (box.height * g.image.height);
  return Math.abs(pixelAspect / g.aspect - 1);
}

/** Percent position of the frame over the displayed image, for CSS. */
export function framePercent(
  frame: CropFrame,
  g: CropGeometry,
): { left: number; top: number; width: number; height: number } {
  const box = toCropBox(frame, g);
  return { left: box.x * 100, top: box.y * 100, width: box.width * 100, height: box.height * 100 };
}

/**
 * Share of the available width the photo is shown at, so a tall phone photo (9:16) does
 * not push the buttons off a small screen: never taller than `maxTallness` × its width.
 */
export function stageWidthPercent(image: ImageSize, maxTallness = 1.2): number {
  if (image.width <= 0 || image.height <= 0) return 100;
  return Math.min(100, (100 * maxTallness * image.width) / image.height);
}
