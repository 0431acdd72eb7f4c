import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Test and benchmark images, generated with sharp at run time: nothing downloaded, no
 * binary files in the repository. The "portrait" is synthetic — a light plain wall,
 * dark hair, a skin-toned face with eyes and mouth, a dark jacket — with a tiled
 * Gaussian noise layer so JPEG sizes and decode costs resemble phone photos.
 */

type PortraitOptions = {
  width: number;
  height: number;
  /** Wall colour. */
  background?: string;
  /** Vertical stripes over the wall (a busy background). */
  stripes?: boolean;
  /** Subject's horizontal centre, as a share of the width. */
  subjectX?: number;
  /** Sensor-like noise (a σ=40 Gaussian tile, soft-light); default on. */
  noise?: boolean;
  /** Transparent wall (PNG with alpha). */
  transparent?: boolean;
  /** No person at all. */
  empty?: boolean;
};

function portraitSvg(o: PortraitOptions): Buffer {
  const { width: w, height: h } = o;
  const cx = w * (o.subjectX ?? 0.5);
  const headY = h * 0.36;
  const rx = w * 0.17;
  const ry = h * 0.16;
  const wall = o.transparent ? '' : `<rect width="100%" height="100%" fill="${o.background ?? '#f2f2ef'}"/>`;
  const stripes = o.stripes
    ? Array.from(
        { length: 24 },
        (_, i) =>
          `<rect x="${(i * w) / 24}" y="0" width="${w / 48}" height="${h}" fill="${['#203040', '#c04020', '#e0c040'][i % 3]}"/>`,
      ).join('')
    : '';
  const person = o.empty
    ? ''
    : `<ellipse cx="${cx}" cy="${h * 0.98}" rx="${w * 0.42}" ry="${h * 0.3}" fill="#1f2a44"/>
  <rect x="${cx - w * 0.07}" y="${headY + ry * 0.8}" width="${w * 0.14}" height="${h * 0.14}" fill="#c08a6a"/>
  <ellipse cx="${cx}" cy="${headY}" rx="${rx}" ry="${ry}" fill="#c8957a"/>
  <ellipse cx="${cx}" cy="${headY - ry * 0.55}" rx="${rx * 1.05}" ry="${ry * 0.55}" fill="#1a1410"/>
  <ellipse cx="${cx - rx * 0.4}" cy="${headY + ry * 0.05}" rx="${rx * 0.14}" ry="${ry * 0.06}" fill="#ffffff"/>
  <ellipse cx="${cx + rx * 0.4}" cy="${headY + ry * 0.05}" rx="${rx * 0.14}" ry="${ry * 0.06}" fill="#ffffff"/>
  <circle cx="${cx - rx * 0.4}" cy="${headY + ry * 0.05}" r="${rx * 0.06}" fill="#231a14"/>
  <circle cx="${cx + rx * 0.4}" cy="${headY + ry * 0.05}" r="${rx * 0.06}" fill="#231a14"/>
  <path d="M ${cx - rx * 0.3} ${headY + ry * 0.5} Q ${cx} ${headY + ry * 0.65} ${cx + rx * 0.3} ${headY + ry * 0.5}" stroke="#7a3a32" stroke-width="${w * 0.008}" fill="none"/>`;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${wall}${stripes}${person}</svg>`,
  );
}

let noiseTile: Promise<Buffer> | undefined;
/** A 509×503 Gaussian noise tile (odd sizes so the repetition does not line up with anything). */
function noise() {
  noiseTile ??= sharp({
    create: {
      width: 509,
      height: 503,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  return noiseTile;
}

/** The synthetic portrait as a sharp pipeline (upright, sRGB), ready for any output. */
async function portrait(o: PortraitOptions) {
  const base = sharp(portraitSvg(o));
  if (o.transparent) return base;
  const flat = await base.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const pipeline = sharp(flat.data, { raw: { width: flat.info.width, height: flat.info.height, channels: 3 } });
  if (o.noise === false) return pipeline;
  const layered = await pipeline
    .composite([{ input: await noise(), tile: true, blend: 'soft-light' }])
    .removeAlpha()
    .raw()
    .toBuffer();
  return sharp(layered, { raw: { width: o.width, height: o.height, channels: 3 } });
}

/** GPS tags a phone writes (IFD3), including an ASCII datum we can look for in raw bytes. */
const phoneExif = {
  IFD0: { Make: 'RoadCertTestPhone', Model: 'Synthetic 1', Software: 'fixtures.ts' },
  IFD3: {
    GPSMapDatum: 'WGS-84',
    GPSLatitudeRef: 'N',
    GPSLatitude: '39/1 54/1 2718/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '116/1 23/1 4500/100',
  },
};

/** Strings that must never reach stored output (they are only in the fixtures' metadata). */
export const fixtureMetadataMarkers = ['RoadCertTestPhone', 'WGS-84', 'fixtures.ts'];

/**
 * A 12-MP phone photo: stored 4000×3000 (sensor landscape) with EXIF Orientation 6, so it
 * displays as a 3000×4000 portrait; EXIF with make/model and GPS position; ~2.6 MB.
 */
export async function phonePortraitJpeg(options: { width?: number; height?: number } = {}) {
  const width = options.width ?? 3000;
  const height = options.height ?? 4000;
  return (await portrait({ width, height }))
    .rotate(270)
    .jpeg({ quality: 92 })
    .withExif(phoneExif)
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/**
 * A 12-MP landscape frame (4000×3000) with a small person in it (1000×1232 px) and the
 * crop box a user would draw around them: too few pixels for the spec in the 720-px
 * working image, enough in the source, so the crop is taken from the source.
 */
export async function distantPortraitJpeg() {
  const person = await (await portrait({ width: 1000, height: 1232, noise: false })).png().toBuffer();
  const wall = await sharp(portraitSvg({ width: 4000, height: 3000, empty: true }))
    .removeAlpha()
    .composite([{ input: person, left: 1500, top: 800 }])
    .raw()
    .toBuffer();
  const bytes = await sharp(wall, { raw: { width: 4000, height: 3000, channels: 3 } })
    .composite([{ input: await noise(), tile: true, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .toBuffer();
  return { bytes, cropBox: { x: 1500 / 4000, y: 800 / 3000, width: 1000 / 4000, height: 1232 / 3000 } };
}

/** A 1080×1440 photo (no rotation needed), ~0.5 MB. */
export async function portrait1080Jpeg() {
  return (await portrait({ width: 1080, height: 1440 })).jpeg({ quality: 90 }).toBuffer();
}

/** Generic portrait in a given encoding, 900×1200 unless said otherwise. */
export async function portraitAs(format: 'jpeg' | 'png' | 'webp' | 'avif', o: Partial<PortraitOptions> = {}) {
  const p = await portrait({ width: 900, height: 1200, ...o });
  if (format === 'png') return p.png().toBuffer();
  if (format === 'webp') return p.webp({ quality: 85 }).toBuffer();
  if (format === 'avif') return p.avif({ quality: 60, effort: 0 }).toBuffer();
  return p.jpeg({ quality: 90 }).toBuffer();
}

/** CMYK JPEG (print workflows, some scanners). */
export async function cmykJpeg() {
  return (await portrait({ width: 900, height: 1200 })).toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer();
}

/** Display-P3 tagged JPEG (recent phones): the output must be converted and carry no profile. */
export async function displayP3Jpeg() {
  return (await portrait({ width: 900, height: 1200 })).withIccProfile('p3').jpeg({ quality: 90 }).toBuffer();
}

/** PNG with a transparent wall: must be flattened onto white. */
export async function alphaPng() {
  return (await portrait({ width: 900, height: 1200, transparent: true })).png().toBuffer();
}

/** 16-bit greyscale PNG. */
export async function grey16Png() {
  return (await portrait({ width: 900, height: 1200 })).greyscale().toColourspace('grey16').png().toBuffer();
}

/** 50×60 px: far below the spec. */
export async function tinyJpeg() {
  return (await portrait({ width: 50, height: 60, noise: false })).jpeg({ quality: 90 }).toBuffer();
}

/** Under-exposed: every channel × 0.28. */
export async function darkJpeg() {
  return (await portrait({ width: 900, height: 1200 })).linear(0.28, 0).jpeg({ quality: 90 }).toBuffer();
}

/** Over-exposed: washed out towards white. */
export async function overexposedJpeg() {
  return (await portrait({ width: 900, height: 1200 })).linear(0.35, 175).jpeg({ quality: 90 }).toBuffer();
}

/** Out of focus: Gaussian blur σ = 12 px at 900×1200 (≈ 5 px at the spec size). */
export async function blurredJpeg() {
  const raw = await (await portrait({ width: 900, height: 1200, noise: false })).blur(12).raw().toBuffer();
  return sharp(raw, { raw: { width: 900, height: 1200, channels: 3 } })
    .composite([{ input: await noise(), tile: true, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Busy background: coloured stripes behind the person. */
export async function busyBackgroundJpeg() {
  return portraitAs('jpeg', { stripes: true });
}

/** Darker (light grey-blue) wall: plain but not light. */
export async function greyWallJpeg() {
  return portraitAs('jpeg', { background: '#7f8fa0' });
}

/** A landscape frame with the person near the right edge. */
export async function offCentreJpeg() {
  return portraitAs('jpeg', { width: 1600, height: 1200, subjectX: 0.72 });
}

/** An empty wall. */
export async function emptyWallJpeg() {
  return portraitAs('jpeg', { empty: true });
}

/** A 3600×800 panorama (4.5 : 1). */
export async function panoramaJpeg() {
  return sharp({ create: { width: 3600, height: 800, channels: 3, background: '#ddeeff' } })
    .jpeg()
    .toBuffer();
}

/** Two-frame animated WebP. */
export async function animatedWebp() {
  const frame = (colour: string) =>
    sharp({ create: { width: 400, height: 500, channels: 3, background: colour } })
      .png()
      .toBuffer();
  return sharp([await frame('#f2f2ef'), await frame('#c8957a')], { join: { animated: true } })
    .webp()
    .toBuffer();
}

/** GIF: a real image, but not a format we accept. */
export async function gifImage() {
  return sharp({ create: { width: 400, height: 500, channels: 3, background: '#f2f2ef' } })
    .gif()
    .toBuffer();
}

/** The phone portrait cut off at 60 %: the header is intact, the pixel data is not. */
export async function truncatedJpeg() {
  const whole = await portraitAs('jpeg');
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

/** Plain text that a user (or attacker) named photo.jpg. */
export function textNamedJpg() {
  return Buffer.from('这不是照片 — just text in a file called photo.jpg\n');
}

/**
 * A decompression bomb: a valid PNG declaring 20000×20000 (400 MP) of 1-bit grey that
 * deflates to a few tens of KB. Built by hand (IHDR, one IDAT of zlib'd zero rows, IEND).
 */
export function pixelBombPng(side = 20_000) {
  const rowBytes = 1 + Math.ceil(side / 8);
  const idat = deflateSync(Buffer.alloc(rowBytes * side), { level: 9 });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer) {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * An HEIC (HEVC-coded HEIF) file: ftyp 'heic', an hvc1 item with its hvcC and ispe
 * properties. The prebuilt libvips reads its header (format heif, compression hevc) but
 * has no HEVC decoder; we must refuse it with a clear message rather than fail later.
 */
export function heicSample(width = 640, height = 480) {
  const u8 = (n: number) => Buffer.from([n]);
  const u16 = (n: number) => Buffer.from([n >> 8, n & 255]);
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const box = (type: string, ...parts: Buffer[]) => {
    const body = Buffer.concat(parts);
    return Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);
  };
  const fullBox = (type: string, version: number, ...parts: Buffer[]) =>
    box(type, u8(version), Buffer.from([0, 0, 0]), ...parts);
  const ftyp = box('ftyp', Buffer.from('heic', 'latin1'), u32(0), Buffer.from('mif1heic', 'latin1'));
  const hvcC = box(
    'hvcC',
    u8(1),
    u8(0x01),
    u32(0x60000000),
    Buffer.alloc(6),
    u8(90),
    u16(0xf000),
    u8(0xfc),
    u8(0xfd),
    u8(0xf8),
    u8(0xf8),
    u16(0),
    u8(0x0f),
    u8(0),
  );
  const iprp = box(
    'iprp',
    box('ipco', hvcC, fullBox('ispe', 0, u32(width), u32(height))),
    fullBox('ipma', 0, u32(1), u16(1), u8(2), u8(0x81), u8(0x02)),
  );
  const payload = Buffer.from([0, 0, 0, 4, 0x26, 0x01, 0xaf, 0x00]);
  const head = (dataOffset: number) =>
    Buffer.concat([
      ftyp,
      fullBox(
        'meta',
        0,
        fullBox('hdlr', 0, u32(0), Buffer.from('pict', 'latin1'), Buffer.alloc(12), u8(0)),
        fullBox('pitm', 0, u16(1)),
        fullBox('iloc', 0, u8(0x44), u8(0), u16(1), u16(1), u16(0), u16(1), u32(dataOffset), u32(payload.length)),
        fullBox('iinf', 0, u16(1), fullBox('infe', 2, u16(1), u16(0), Buffer.from('hvc1', 'latin1'), u8(0))),
        iprp,
      ),
    ]);
  return Buffer.concat([head(head(0).length + 8), box('mdat', payload)]);
}

/**
 * Whether a JPEG/PNG/WebP buffer contains an EXIF block ("Exif\0\0" or a PNG eXIf chunk),
 * an XMP packet or an ICC profile marker — byte-level, independent of any decoder.
 */
export function metadataMarkersIn(bytes: Buffer) {
  return {
    exif: bytes.includes(Buffer.from('Exif\0\0', 'latin1')) || bytes.includes(Buffer.from('eXIf', 'latin1')),
    xmp:
      bytes.includes(Buffer.from('http://ns.adobe.com/xap/1.0/', 'latin1')) ||
      bytes.includes(Buffer.from('<x:xmpmeta', 'latin1')),
    icc: bytes.includes(Buffer.from('ICC_PROFILE', 'latin1')) || bytes.includes(Buffer.from('iCCP', 'latin1')),
    gps: fixtureMetadataMarkers.some((m) => bytes.includes(Buffer.from(m, 'latin1'))),
  };
}
