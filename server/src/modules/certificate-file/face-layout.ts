import QRCode from 'qrcode';

/**
 * The certificate face laid out once, in millimetres from the page's top-left corner, for
 * both renderers (OFD and PDF): the same positions, sizes and text, so the two files show the
 * same face. Text positions are baselines; widths come from the face font's advances.
 */

/** A5 landscape: the size of the printed card at a counter (our choice; 待核实 against JT/T 1290–1292 §5). */
export const PAGE = { widthMm: 210, heightMm: 148 } as const;

export type FaceText = {
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  text: string;
  /** Advance of each character in mm (OFD DeltaX; the PDF lets the font place them). */
  advances: number[];
  bold?: boolean;
  colour: 'ink' | 'muted' | 'title' | 'watermark';
  /** Degrees anticlockwise about (x, y): the 加注件 watermark only. */
  rotate?: number;
};

export type FaceImage = { x: number; y: number; width: number; height: number };

export type FaceLayout = {
  texts: FaceText[];
  portrait: FaceImage | null;
  /**
   * The 2-D code at `origin`, `module` mm per module, `size` modules a side: its dark modules
   * as horizontal runs [column, row, length] (a third of the path a square per module needs).
   */
  code: { origin: { x: number; y: number }; module: number; size: number; runs: [number, number, number][] };
  frame: { x: number; y: number; width: number; height: number };
};

/** A row of the face: label and value, in the standard's order. */
export type FaceRow = { label: string; value: string };

export type FaceContent = {
  /** 道路运输从业人员从业资格证 … (the type's name). */
  title: string;
  rows: FaceRow[];
  hasPortrait: boolean;
  /** Bottom block: 发证机关, 发证日期, 电子证照标识. */
  issuingAuthority: string;
  issuedOn: string;
  identifier: string;
  /** The URL the 2-D code carries (the verify page). */
  verifyUrl: string;
  /** 加注件: purpose and expiry, printed and repeated as a watermark. */
  annotation?: { cause: string; expiresAt: string } | null;
};

/** Advance width in em of one character (from the face font when known). */
export type Measure = (char: string) => number;

const LABEL_X = 16;
const VALUE_X = 46;
const ROW_STEP = 8.2;

function line(measure: Measure, x: number, y: number, size: number, text: string, rest: Partial<FaceText> = {}) {
  const advances = Array.from(text, (c) => Math.round(measure(c) * size * 1000) / 1000);
  return { x, y, size, text, advances, colour: 'ink', ...rest } satisfies FaceText;
}

/** Splits `text` into lines no wider than `width` mm at `size`. */
function wrap(measure: Measure, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  let used = 0;
  for (const c of text) {
    const w = measure(c) * size;
    if (used + w > width && current) {
      lines.push(current);
      current = '';
      used = 0;
    }
    current += c;
    used += w;
  }
  if (current) lines.push(current);
  return lines;
}

const centred = (measure: Measure, text: string, size: number) =>
  (PAGE.widthMm - Array.from(text).reduce((s, c) => s + measure(c) * size, 0)) / 2;

export function layoutFace(content: FaceContent, measure: Measure): FaceLayout {
  const texts: FaceText[] = [];
  texts.push(
    line(measure, centred(measure, '道路运输电子证照', 3.6), 16, 3.6, '道路运输电子证照', { colour: 'muted' }),
  );
  texts.push(
    line(measure, centred(measure, content.title, 6.4), 25, 6.4, content.title, { colour: 'title', bold: true }),
  );

  const valueWidth = content.hasPortrait ? 104 : 140;
  let y = 38;
  for (const row of content.rows) {
    texts.push(line(measure, LABEL_X, y, 3.4, row.label, { colour: 'muted' }));
    const lines = wrap(measure, row.value, 3.9, valueWidth).slice(0, 3);
    for (const [i, text] of lines.entries()) texts.push(line(measure, VALUE_X, y + i * 5, 3.9, text));
    y += ROW_STEP + (lines.length - 1) * 5;
  }

  const bottom = PAGE.heightMm - 14;
  texts.push(line(measure, LABEL_X, bottom - 8, 3.4, `发证机关：${content.issuingAuthority}`));
  texts.push(line(measure, LABEL_X, bottom - 3, 3.4, `发证日期：${content.issuedOn}`));
  texts.push(line(measure, LABEL_X, bottom + 2, 2.6, `电子证照标识：${content.identifier}`, { colour: 'muted' }));

  if (content.annotation) {
    const note = `加注件 仅供${content.annotation.cause}使用 有效期至${content.annotation.expiresAt}`;
    texts.push(line(measure, LABEL_X, bottom + 7, 3, note, { colour: 'title' }));
    for (const [x, wy] of [
      [20, 70],
      [70, 120],
      [110, 60],
    ] as const)
      texts.push(line(measure, x, wy, 6, note.slice(4), { colour: 'watermark', rotate: 25 }));
  }

  const qr = QRCode.create(content.verifyUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const runs: [number, number, number][] = [];
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      const start = c;
      while (c + 1 < size && qr.modules.get(r, c + 1)) c++;
      runs.push([start, r, c - start + 1]);
    }
  const codeMm = 26;
  return {
    texts,
    portrait: content.hasPortrait ? { x: 160, y: 32, width: 30, height: 37 } : null,
    code: { origin: { x: PAGE.widthMm - 16 - codeMm, y: bottom - 26 }, module: codeMm / size, size, runs },
    frame: { x: 6, y: 6, width: PAGE.widthMm - 12, height: PAGE.heightMm - 12 },
  };
}
