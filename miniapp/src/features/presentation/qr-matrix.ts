import qrcode from 'qrcode-generator';

/**
 * The QR of a token URL as a module grid. The URL is `${base}/v/<digits>`: the prefix goes in
 * byte mode and the long run of digits in numeric mode (3.3 bits a digit instead of 8), which is
 * what keeps the whole code at version 10 or lower at error correction M
 * (docs/presentation-token.md).
 */
export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** 1–40. */
  version: number;
  isDark: (row: number, column: number) => boolean;
}

/** A trailing run of digits shorter than this is cheaper left in byte mode (segment header). */
const MIN_NUMERIC_RUN = 8;

/** Splits the text into a byte-mode head and a numeric-mode tail of digits (if long enough). */
export function qrSegments(text: string): { data: string; mode: 'Byte' | 'Numeric' }[] {
  const tail = /\d+$/.exec(text)?.[0] ?? '';
  if (tail.length < MIN_NUMERIC_RUN) return [{ data: text, mode: 'Byte' }];
  const head = text.slice(0, text.length - tail.length);
  return head === ''
    ? [{ data: tail, mode: 'Numeric' }]
    : [
        { data: head, mode: 'Byte' },
        { data: tail, mode: 'Numeric' },
      ];
}

/** Error correction M: readable with up to ~15% of the code damaged (glare, a cracked screen). */
export function qrMatrix(text: string): QrMatrix {
  const code = qrcode(0, 'M');
  for (const segment of qrSegments(text)) code.addData(segment.data, segment.mode);
  code.make();
  const size = code.getModuleCount();
  return { size, version: (size - 17) / 4, isDark: (row, column) => code.isDark(row, column) };
}
