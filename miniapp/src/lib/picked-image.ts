/**
 * A photo chosen on this device, as the picker (image-picker.weapp.ts / .h5.ts) hands it over:
 * something an <Image> can show, something the uploader can send, and its size *as displayed*
 * (EXIF orientation applied), which is what a crop box is normalised to.
 */
export interface PickedImage {
  /** weapp: the temp file path; H5: an object URL of `blob`. Usable as an <Image> src. */
  path: string;
  /** H5 only: the file itself (FormData needs it; weapp uploads by path). */
  blob?: Blob;
  /** File name for the multipart part. */
  name: string;
  /** Bytes. */
  size: number;
  /** Declared (H5) or decoded (weapp) type, e.g. `image/jpeg`; null when the platform does not say. */
  mimeType: string | null;
  /** Displayed width and height in pixels; 0 when the device could not decode the image. */
  width: number;
  height: number;
}

/** `Taro.getImageInfo().orientation` values (EXIF orientations 1–8 by name). */
export type ImageOrientation =
  'up' | 'up-mirrored' | 'down' | 'down-mirrored' | 'left-mirrored' | 'right' | 'right-mirrored' | 'left';

/**
 * Size as displayed: WeChat's getImageInfo reports the stored width/height "without rotation"
 * plus the EXIF orientation, and a quarter turn (left/right, EXIF 5–8) swaps the two.
 */
export function orientedSize(
  width: number,
  height: number,
  orientation: string | undefined,
): { width: number; height: number } {
  const quarterTurn = orientation !== undefined && /^(left|right)/.test(orientation);
  return quarterTurn ? { width: height, height: width } : { width, height };
}

/** `jpeg` → `image/jpeg`, as getImageInfo names types; null for nothing. */
export function mimeTypeOf(type: string | undefined): string | null {
  if (!type) return null;
  const lower = type.toLowerCase();
  if (lower.includes('/')) return lower;
  return `image/${lower === 'jpg' ? 'jpeg' : lower}`;
}
