import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { personPortraitPhotoSpec as spec, type PhotoCheckName } from '@roadcert/shared';
import * as fixtures from '../../test/photo-fixtures';
import { LAPLACIAN, laplacianVariance } from './quality-checks';
import { lumaOf } from './pixels';
import { createSemaphore } from './semaphore';
import { processImage, WORKING_LONG_SIDE } from './sharp-pipeline';
import { sniffFormat } from './sniff';
import type { EncodedImage } from './image-pipeline';

const portrait = (bytes: Buffer, cropBox?: { x: number; y: number; width: number; height: number }) =>
  processImage(bytes, { purpose: 'PORTRAIT', spec, ...(cropBox ? { cropBox } : {}) });

/** Stored output: JPEG, sRGB, 8-bit, and not one byte of metadata (checked by the decoder and in the raw bytes). */
async function expectClean(image: EncodedImage) {
  const meta = await sharp(image.bytes).metadata();
  expect(meta).toMatchObject({
    format: 'jpeg',
    space: 'srgb',
    channels: 3,
    depth: 'uchar',
    width: image.width,
    height: image.height,
  });
  expect(meta.exif).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
  expect(meta.hasProfile).toBe(false);
  expect(fixtures.metadataMarkersIn(image.bytes)).toEqual({ exif: false, xmp: false, icc: false, gps: false });
  // Metadata lives in the segments before the scan; the entropy-coded data after SOS (FFDA)
  // is noise-like and holds any 3-byte run by chance (it failed CI once on 'GPS').
  const sos = image.bytes.indexOf(Buffer.from([0xff, 0xda]));
  expect(sos).toBeGreaterThan(0);
  expect(image.bytes.subarray(0, sos).includes(Buffer.from('GPS'))).toBe(false);
}

async function expectAccepted(bytes: Buffer) {
  const outcome = await portrait(bytes);
  expect(outcome.verdict.checks.filter((c) => !c.passed)).toEqual([]);
  expect(outcome.verdict.accepted).toBe(true);
  const processed = outcome.processed!;
  expect([processed.width, processed.height]).toEqual([spec.widthPx, spec.heightPx]);
  expect(processed.bytes.length).toBeLessThanOrEqual(spec.maxBytes);
  await expectClean(processed);
  expect(Math.max(outcome.original!.width, outcome.original!.height)).toBeLessThanOrEqual(WORKING_LONG_SIDE);
  await expectClean(outcome.original!);
  return outcome;
}

describe('accepted photos: exact spec size, JPEG, no metadata, under the byte limit', () => {
  it('12-MP phone JPEG with EXIF orientation 6 and GPS: rotated upright, GPS gone', async () => {
    const input = await fixtures.phonePortraitJpeg();
    const inputMeta = await sharp(input).metadata();
    expect([inputMeta.width, inputMeta.height, inputMeta.orientation]).toEqual([4000, 3000, 6]);
    expect(fixtures.metadataMarkersIn(input)).toMatchObject({ exif: true, gps: true });

    const outcome = await expectAccepted(input);
    expect(outcome.format).toBe('jpeg');
    expect(outcome.source).toEqual({ width: 3000, height: 4000 });
    // Upright: the review copy is portrait, and the head (dark hair) is in the upper half.
    expect([outcome.original!.width, outcome.original!.height]).toEqual([540, 720]);
    const { data } = await sharp(outcome.processed!.bytes)
      .greyscale()
      .resize(1, 2, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]!).toBeGreaterThan(data[1]!); // the top half is lighter (wall + face) than the bottom half (jacket)
    expect(outcome.verdict.crop).toMatchObject({ x: 0, width: 1 });
  });

  it('1080×1440 JPEG', async () => {
    await expectAccepted(await fixtures.portrait1080Jpeg());
  });

  it('CMYK JPEG: converted to sRGB', async () => {
    expect((await sharp(await fixtures.cmykJpeg()).metadata()).space).toBe('cmyk');
    await expectAccepted(await fixtures.cmykJpeg());
  });

  it('Display-P3 JPEG: converted, profile dropped', async () => {
    expect((await sharp(await fixtures.displayP3Jpeg()).metadata()).icc).toBeDefined();
    await expectAccepted(await fixtures.displayP3Jpeg());
  });

  it('PNG with alpha: flattened onto white', async () => {
    const outcome = await expectAccepted(await fixtures.alphaPng());
    const { data } = await sharp(outcome.processed!.bytes)
      .extract({ left: 0, top: 0, width: 8, height: 8 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThanOrEqual(250);
  });

  it('16-bit greyscale PNG: 8-bit sRGB out', async () => {
    expect((await sharp(await fixtures.grey16Png()).metadata()).depth).toBe('ushort');
    await expectAccepted(await fixtures.grey16Png());
  });

  it('WebP', async () => {
    expect((await expectAccepted(await fixtures.portraitAs('webp'))).format).toBe('webp');
  });

  it('AVIF (decodable in this sharp build: libheif with the AV1 decoder)', async () => {
    expect((await expectAccepted(await fixtures.portraitAs('avif'))).format).toBe('avif');
  });

  it('a subject off to one side is followed by the automatic crop', async () => {
    const outcome = await expectAccepted(await fixtures.offCentreJpeg());
    expect(outcome.verdict.crop!.x).toBeGreaterThan(0.3);
  });

  it("a user's tight crop of a distant person is cut from a larger decode of the source, not the small working image", async () => {
    const { bytes, cropBox } = await fixtures.distantPortraitJpeg();
    const outcome = await portrait(bytes, cropBox);
    expect(outcome.verdict.accepted).toBe(true);
    expect(outcome.verdict.checks.find((c) => c.check === 'RESOLUTION')!.measured).toBeGreaterThanOrEqual(995);
    await expectClean(outcome.processed!);
  });
});

describe('rejected photos: a verdict naming each failed check, nothing encoded', () => {
  const cases: [string, PhotoCheckName, () => Promise<Buffer>, RegExp][] = [
    ['tiny 50×60', 'RESOLUTION', fixtures.tinyJpeg, /分辨率过低：人像区域宽\d+像素，至少需要358像素/],
    ['dark', 'BRIGHTNESS', fixtures.darkJpeg, /太暗/],
    ['over-exposed', 'BRIGHTNESS', fixtures.overexposedJpeg, /太亮/],
    ['blurred', 'SHARPNESS', fixtures.blurredJpeg, /模糊/],
    ['busy background', 'BACKGROUND_PLAIN', fixtures.busyBackgroundJpeg, /背景不够干净/],
    ['grey-blue wall', 'BACKGROUND_LIGHT', fixtures.greyWallJpeg, /背景颜色过深/],
    ['empty wall', 'CENTRED', fixtures.emptyWallJpeg, /未检测到人像/],
  ];

  it.each(cases)('%s → %s', async (_name, check, build, message) => {
    const outcome = await portrait(await build());
    expect(outcome.verdict.accepted).toBe(false);
    const failed = outcome.verdict.checks.find((c) => c.check === check)!;
    expect(failed).toMatchObject({ passed: false });
    expect(failed.message).toMatch(message);
    expect(outcome.processed).toBeUndefined();
    expect(outcome.original).toBeUndefined();
  });

  it('a user crop that leaves the person off-centre → CENTRED', async () => {
    const aspect = (spec.widthPx / spec.heightPx) * (1200 / 1600);
    const outcome = await portrait(await fixtures.offCentreJpeg(), { x: 0.3, y: 0, width: 0.6, height: 0.6 / aspect });
    const centred = outcome.verdict.checks.find((c) => c.check === 'CENTRED')!;
    expect(centred.passed).toBe(false);
    expect(centred.measured).toBeGreaterThan(0.15);
  });

  it('every check reports measured value, threshold and a Chinese message, most important first', async () => {
    const outcome = await portrait(await fixtures.darkJpeg());
    expect(outcome.verdict.checks.map((c) => c.check)).toEqual([
      'RESOLUTION',
      'BACKGROUND_PLAIN',
      'CENTRED',
      'SHARPNESS',
      'BRIGHTNESS',
      'BACKGROUND_LIGHT',
    ]);
    for (const c of outcome.verdict.checks) {
      expect(typeof c.measured).toBe('number');
      expect(c.threshold.min !== null || c.threshold.max !== null).toBe(true);
      expect(c.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('hostile or unusable files: a clear 4xx code, fast, before any pixel work', () => {
  const cases: [string, string, () => Promise<Buffer> | Buffer, RegExp?][] = [
    ['a text file named .jpg', 'PHOTO_UNSUPPORTED_FORMAT', fixtures.textNamedJpg],
    ['GIF', 'PHOTO_UNSUPPORTED_FORMAT', fixtures.gifImage],
    ['HEIC (HEVC: no decoder in this build)', 'PHOTO_UNSUPPORTED_FORMAT', () => fixtures.heicSample(), /HEIC/],
    ['pixel bomb (PNG declaring 20000×20000)', 'PHOTO_TOO_MANY_PIXELS', () => fixtures.pixelBombPng()],
    ['truncated JPEG', 'PHOTO_CORRUPT', fixtures.truncatedJpeg],
    ['animated WebP', 'PHOTO_ANIMATED', fixtures.animatedWebp],
    ['4.5 : 1 panorama', 'PHOTO_BAD_ASPECT', fixtures.panoramaJpeg],
    ['empty file', 'PHOTO_MISSING', () => Buffer.alloc(0)],
  ];

  it.each(cases)('%s → %s', async (_name, code, build, message) => {
    const bytes = await build();
    const started = performance.now();
    const error = await portrait(bytes).then(
      () => null,
      (e: { code?: string; message: string }) => e,
    );
    expect(error).toMatchObject({ code });
    if (message) expect(error!.message).toMatch(message);
    expect(performance.now() - started).toBeLessThan(3_000); // generous: CI machines are shared
  });

  it('the pixel bomb is refused from its header, before any decode', async () => {
    const bomb = fixtures.pixelBombPng();
    expect(bomb.length).toBeLessThan(200_000);
    const error = await portrait(bomb).catch((e: { code: string; cause?: unknown }) => e);
    // Thrown by the header guard (no cause), not by libvips refusing a decode.
    expect(error).toMatchObject({ code: 'PHOTO_TOO_MANY_PIXELS' });
    expect((error as { cause?: unknown }).cause).toBeUndefined();
  });

  it('a crop box whose aspect is not the spec’s → PHOTO_BAD_CROP', async () => {
    await expect(
      portrait(await fixtures.portraitAs('jpeg'), { x: 0, y: 0, width: 1, height: 0.5 }),
    ).rejects.toMatchObject({ code: 'PHOTO_BAD_CROP' });
  });

  it('format is decided by content: magic bytes win over anything else', () => {
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffFormat(fixtures.heicSample())).toBe('heic');
    expect(sniffFormat(Buffer.from('GIF89a'))).toBe('gif');
  });
});

describe('sharpness', () => {
  it('the Laplacian variance equals the one computed with sharp.convolve on the same luma', async () => {
    const photo = await sharp(await fixtures.portraitAs('jpeg'))
      .resize(358, 441, { fit: 'fill' })
      .raw()
      .toBuffer();
    const luma = lumaOf({ data: photo, width: 358, height: 441 });
    const out = await sharp(luma, { raw: { width: 358, height: 441, channels: 1 } })
      .convolve(LAPLACIAN)
      .toColourspace('b-w')
      .raw({ depth: 'float' })
      .toBuffer();
    const values = new Float32Array(out.buffer, out.byteOffset, out.length / 4);
    const interior: number[] = [];
    for (let y = 1; y < 440; y += 1) for (let x = 1; x < 357; x += 1) interior.push(values[y * 358 + x]!);
    const mean = interior.reduce((a, v) => a + v, 0) / interior.length;
    const viaSharp = interior.reduce((a, v) => a + (v - mean) ** 2, 0) / interior.length;
    expect(laplacianVariance(luma, 358, 441)).toBeCloseTo(viaSharp, 6);
  });
});

describe('evidence photos', () => {
  it('are cleaned (oriented, no metadata, long side ≤ 2048) without portrait checks', async () => {
    const outcome = await processImage(await fixtures.phonePortraitJpeg(), { purpose: 'EVIDENCE' });
    expect(outcome.verdict).toEqual({ accepted: true, crop: null, checks: [] });
    expect(outcome.processed).toBeUndefined();
    expect([outcome.original!.width, outcome.original!.height]).toEqual([1536, 2048]);
    await expectClean(outcome.original!);
  });
});

describe('semaphore', () => {
  it('runs at most `limit` at once and refuses beyond the queue with PHOTO_BUSY', async () => {
    const gate = createSemaphore(2, 1);
    let active = 0;
    let peak = 0;
    const finish: (() => void)[] = [];
    const task = () =>
      gate.run(
        () =>
          new Promise<void>((resolve) => {
            active += 1;
            peak = Math.max(peak, active);
            finish.push(() => {
              active -= 1;
              resolve();
            });
          }),
      );
    const running = [task(), task(), task()];
    await expect(task()).rejects.toMatchObject({ code: 'PHOTO_BUSY' });
    expect([gate.running, gate.queued]).toEqual([2, 1]);
    for (let i = 0; i < 3; i += 1) {
      await vi.waitFor(() => expect(finish.length).toBeGreaterThan(i));
      finish[i]!();
    }
    await Promise.all(running);
    expect(peak).toBe(2);
  });
});
