import sharp from 'sharp';
import type { PhotoSpec, PhotoVerdict } from '@roadcert/shared';
import { decodeWorkingImage, extractPixels, rawOf, type RgbImage, type WorkingSize } from './decode';
import { encodeJpeg, encodeJpegWithin } from './encode';
import type { ImagePipeline, PipelineOutcome, PipelineRequest, PortraitRequest } from './image-pipeline';
import { inspect, type Inspected } from './inspect';
import { autoCrop, locateSubject, normalisedBox, userCrop, type PixelBox } from './portrait-crop';
import { judgePortrait, measurePortrait } from './quality-checks';
import { createSemaphore } from './semaphore';

// No libvips operation cache: every upload is a different image, and the cache would
// only hold memory (perf-baseline §4 ran the same way).
sharp.cache(false);

/**
 * Largest long side of the working image a portrait is decoded into, once: it is what
 * the crop and the checks read, and it is stored as the staff review copy. See
 * workingSize for how far below this a JPEG may go to keep its decode cheap.
 */
export const WORKING_LONG_SIDE = 720;

/**
 * The working image's size for this source. JPEG decode cost is set by libjpeg's
 * shrink-on-load (DCT scaling by 2, 4 or 8), and sharp applies shrink s only when the
 * total scale is at least s + 1 (it halves s when floor(scale) == s, to dodge libjpeg
 * rounding — sharp 0.34 src/pipeline.cc). So we take the largest shrink that still
 * leaves the automatic crop at the spec's size, then the largest image that shrink
 * allows, up to WORKING_LONG_SIDE. When that image would be barely larger than the crop
 * (< 1.25×), we decode straight to the size at which the crop *is* the spec size, so it
 * is cut out without resampling. 12 MP (3000×4000 shown) → shrink 4 → 540×720;
 * 1080×1440 → shrink 2 → 358×477. (Decoding 1080×1440 to 540×720 needs a full-size
 * decode that alone costs more than the whole bare resize.) Other formats: 720 long side.
 */
export function workingSize(source: Inspected, spec: Pick<PhotoSpec, 'widthPx' | 'heightPx'>): WorkingSize {
  const long = Math.max(source.width, source.height);
  const preferred = { maxSide: Math.min(WORKING_LONG_SIDE, long) };
  if (source.format !== 'jpeg') return preferred;
  const aspect = spec.widthPx / spec.heightPx;
  const widthLimited = source.width / source.height <= aspect;
  const cropWidth = widthLimited ? source.width : source.height * aspect;
  const exactScale = cropWidth / spec.widthPx;
  for (const shrink of [8, 4, 2]) {
    if (exactScale < shrink + 1) continue;
    const scale = Math.max(shrink + 1, long / WORKING_LONG_SIDE);
    if (cropWidth / scale >= spec.widthPx * 1.25) return { maxSide: Math.floor(long / scale) };
    return widthLimited ? { width: spec.widthPx } : { height: spec.heightPx };
  }
  return preferred;
}
/** Evidence photos (pictures of documents) keep more detail for reading. */
export const EVIDENCE_LONG_SIDE = 2048;
/** JPEG quality of the stored review copy / evidence copy. */
export const REVIEW_QUALITY = 85;

/** The pipeline, with at most `concurrency` images in work and a bounded queue (PHOTO_BUSY beyond). */
export function createSharpPipeline(options: { concurrency: number; maxQueued?: number }): ImagePipeline {
  const gate = createSemaphore(options.concurrency, options.maxQueued ?? options.concurrency * 4);
  return { process: (bytes, request) => gate.run(() => processImage(bytes, request)) };
}

/** One image, no concurrency control (the bench and tests call it directly too). */
export async function processImage(bytes: Buffer, request: PipelineRequest): Promise<PipelineOutcome> {
  const inspected = await inspect(bytes);
  if (request.purpose === 'PORTRAIT') return processPortrait(bytes, inspected, request);
  const work = await decodeWorkingImage(bytes, { maxSide: EVIDENCE_LONG_SIDE });
  const original = await encodeJpeg(work, REVIEW_QUALITY);
  return {
    format: inspected.format,
    source: sizeOf(inspected),
    verdict: { accepted: true, crop: null, checks: [] },
    original,
  };
}

async function processPortrait(
  bytes: Buffer,
  inspected: Inspected,
  request: PortraitRequest,
): Promise<PipelineOutcome> {
  const { spec } = request;
  const work = await decodeWorkingImage(bytes, workingSize(inspected, spec));
  const aspect = spec.widthPx / spec.heightPx;
  const box = request.cropBox ? userCrop(work, request.cropBox, aspect) : autoCrop(work, locateSubject(work), aspect);
  const scale = { x: inspected.width / work.width, y: inspected.height / work.height };
  const photo = await cropToSpec(bytes, work, box, scale, spec);
  // Both encodes start now and run on libvips' threads while the checks run here; on a
  // rejection their (few ms of) work is simply dropped. Nothing is stored either way
  // until the verdict accepts.
  const encoded = Promise.all([
    encodeJpegWithin(photo, spec.maxBytes),
    encodeJpeg(work, REVIEW_QUALITY, { optimiseCoding: false }),
  ]);
  encoded.catch(() => undefined);
  const checks = judgePortrait(measurePortrait(photo, box.width * scale.x), spec);
  const verdict: PhotoVerdict = { accepted: checks.every((c) => c.passed), crop: normalisedBox(box, work), checks };
  const outcome: PipelineOutcome = { format: inspected.format, source: sizeOf(inspected), verdict };
  if (!verdict.accepted) return outcome;
  const [processed, original] = await encoded;
  return {
    ...outcome,
    processed: { bytes: processed.bytes, width: processed.width, height: processed.height },
    original,
  };
}

/**
 * The crop, resampled to the spec size. Normally from the working image; a tight user
 * crop that has too few pixels there but enough in the source is cut from a second,
 * larger decode (still shrink-on-load) in which it is just big enough.
 */
async function cropToSpec(
  bytes: Buffer,
  work: RgbImage,
  box: PixelBox,
  scale: { x: number; y: number },
  spec: PhotoSpec,
): Promise<RgbImage> {
  let from = work;
  let region = box;
  if (box.width < spec.widthPx && box.width * scale.x > box.width) {
    const longSide = Math.ceil(Math.max(work.width, work.height) * Math.min(scale.x, spec.widthPx / box.width) * 1.02);
    from = await decodeWorkingImage(bytes, { maxSide: longSide });
    const k = from.width / work.width;
    region = {
      left: Math.floor(box.left * k),
      top: Math.floor(box.top * k),
      width: Math.min(Math.floor(box.width * k), from.width - Math.floor(box.left * k)),
      height: Math.min(Math.floor(box.height * k), from.height - Math.floor(box.top * k)),
    };
  }
  if (region.width === spec.widthPx && region.height === spec.heightPx) return extractPixels(from, region);
  const { data, info } = await sharp(from.data, rawOf(from))
    .extract(region)
    .resize(spec.widthPx, spec.heightPx, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const sizeOf = (i: Inspected) => ({ width: i.width, height: i.height });
