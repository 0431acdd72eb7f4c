import type { PhotoFormat } from '@roadcert/shared';

export type SniffedFormat = PhotoFormat | 'heic' | 'gif' | 'tiff' | 'bmp' | 'svg' | 'unknown';

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((v, i) => b[at + i] === v);
const ascii = (b: Buffer, from: number, to: number) => b.subarray(from, to).toString('latin1');

const avifBrands = new Set(['avif', 'avis']);
const heicBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);

/**
 * The format by magic bytes — never by file name or declared MIME type. HEIF-family
 * files are told apart by their ftyp brands: AVIF (AV1) is decodable here, HEIC (HEVC)
 * is not (prebuilt libvips ships libheif with the AV1 decoder only).
 */
export function sniffFormat(b: Buffer): SniffedFormat {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(b, 0, 2) === 'BM') return 'bmp';
  if (/^\s*(<\?xml|<svg)/i.test(ascii(b, 0, 64))) return 'svg';
  if (ascii(b, 4, 8) === 'ftyp') {
    const boxSize = Math.min(b.readUInt32BE(0), b.length, 256);
    const brands = [ascii(b, 8, 12)];
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(b, at, at + 4));
    if (brands.some((brand) => avifBrands.has(brand))) return 'avif';
    if (brands.some((brand) => heicBrands.has(brand))) return 'heic';
  }
  return 'unknown';
}
