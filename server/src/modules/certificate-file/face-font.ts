import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliDecompressSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';

/**
 * The Chinese font the PDF face is set in: Source Han Sans CN (SIL OFL 1.1), shipped as one
 * WOFF2 file by the npm package @librescore/fonts — no system font is needed. The WOFF2 is
 * unpacked to a plain OpenType (CFF) font once per process; each PDF then embeds only the
 * glyphs it uses (pdf-lib subsetting). This "min" cut has the CJK glyphs only, so Latin letters,
 * digits and ASCII punctuation are set in Helvetica (a PDF standard font, never embedded).
 */
const FONT_MODULE = '@librescore/fonts/SourceHanSansCN.min.woff2';

/** Reads a WOFF2 UIntBase128 at `at`. */
function base128(bytes: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const b = bytes[at + i]!;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) return [value, at + i + 1];
  }
  throw new Error('bad UIntBase128 in font');
}

const KNOWN_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ',
  'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS',
  'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc',
  'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar', 'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop',
  'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill',
]; // prettier-ignore

/**
 * WOFF2 → sfnt for CFF-flavoured fonts ('OTTO'), whose tables WOFF2 stores untransformed
 * (only TrueType glyf/loca get transformed): read the directory, inflate the one Brotli
 * stream, and lay the tables out again behind an sfnt header (checksums are not needed by
 * the readers we feed it to).
 */
export function woff2ToOpenType(woff2: Buffer): Buffer {
  if (woff2.toString('latin1', 0, 4) !== 'wOF2') throw new Error('not a WOFF2 font');
  const flavor = woff2.readUInt32BE(4);
  if (flavor !== 0x4f54544f) throw new Error('only CFF-flavoured WOFF2 fonts are supported');
  const numTables = woff2.readUInt16BE(12);
  const compressedLength = woff2.readUInt32BE(20);
  let at = 48;
  const tables: { tag: string; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = woff2[at++]!;
    let tag: string;
    if ((flags & 0x3f) === 0x3f) {
      tag = woff2.toString('latin1', at, at + 4);
      at += 4;
    } else tag = KNOWN_TAGS[flags & 0x3f]!;
    if (flags >> 6 !== 0) throw new Error(`transformed table ${tag} is not supported`);
    let length: number;
    [length, at] = base128(woff2, at);
    tables.push({ tag, length });
  }
  const stream = brotliDecompressSync(woff2.subarray(at, at + compressedLength));
  const headerLength = 12 + 16 * numTables;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((sum, t) => sum + padded(t.length), 0));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  const log2 = Math.floor(Math.log2(numTables));
  out.writeUInt16BE(16 * 2 ** log2, 6);
  out.writeUInt16BE(log2, 8);
  out.writeUInt16BE(numTables * 16 - 16 * 2 ** log2, 10);
  let source = 0;
  let target = headerLength;
  [...tables.keys()]
    .sort((a, b) => (tables[a]!.tag < tables[b]!.tag ? -1 : 1))
    .forEach((index, slot) => {
      const t = tables[index]!;
      const offset = headerLength + tables.slice(0, index).reduce((sum, x) => sum + padded(x.length), 0);
      const entry = 12 + 16 * slot;
      out.write(t.tag, entry, 4, 'latin1');
      out.writeUInt32BE(0, entry + 4);
      out.writeUInt32BE(offset, entry + 8);
      out.writeUInt32BE(t.length, entry + 12);
    });
  for (const t of tables) {
    stream.copy(out, target, source, source + t.length);
    source += t.length;
    target += padded(t.length);
  }
  return out;
}

let cached: Buffer | undefined;

/** The face font as OpenType bytes (unpacked on first use, kept for the process). */
export function faceFont(): Buffer {
  if (!cached) {
    const file = createRequire(import.meta.url).resolve(FONT_MODULE);
    cached = woff2ToOpenType(readFileSync(file));
  }
  return cached;
}

type Glyphs = { unitsPerEm: number; glyphForCodePoint(cp: number): { id: number; advanceWidth: number } };
let parsed: ReturnType<typeof fontkit.create> | undefined;

/**
 * The face font parsed once per process (~25 ms for the 5 MB CFF font): measuring here and
 * pdf-lib's embedding and subsetting (pdf-file.ts) read the same object, never change it.
 */
export function parsedFaceFont(): ReturnType<typeof fontkit.create> {
  return (parsed ??= fontkit.create(faceFont()));
}

let latin: StandardFontEmbedder | undefined;
const advances = new Map<string, { em: number; cjk: boolean }>();

/** Which font sets a character and its advance in em (cached per character). */
export function glyphOf(char: string): { em: number; cjk: boolean } {
  let found = advances.get(char);
  if (!found) {
    const glyphs = parsedFaceFont() as unknown as Glyphs;
    const glyph = glyphs.glyphForCodePoint(char.codePointAt(0)!);
    if (glyph.id !== 0) found = { em: glyph.advanceWidth / glyphs.unitsPerEm, cjk: true };
    else {
      latin ??= StandardFontEmbedder.for(
        StandardFonts.Helvetica as string as Parameters<typeof StandardFontEmbedder.for>[0],
      );
      found = { em: /[\x20-\x7e]/.test(char) ? latin.widthOfTextAtSize(char, 1) : 1, cjk: false };
    }
    advances.set(char, found);
  }
  return found;
}

/** Splits text into runs set in one font each. */
export function fontRuns(text: string): { text: string; cjk: boolean }[] {
  const runs: { text: string; cjk: boolean }[] = [];
  for (const c of text) {
    const cjk = glyphOf(c).cjk;
    const last = runs[runs.length - 1];
    if (last && last.cjk === cjk) last.text += c;
    else runs.push({ text: c, cjk });
  }
  return runs;
}
