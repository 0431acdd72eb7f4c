import { describe, expect, it } from 'vitest';
import { normaliseCode, toHalfWidth } from './normalise';

describe('normaliseCode', () => {
  it('maps full-width ASCII (U+FF01…U+FF5E) to half-width and leaves everything else', () => {
    expect(toHalfWidth('ＡＢ１２ｘ！～')).toBe('AB12x!~');
    expect(toHalfWidth('粤B·12')).toBe('粤B·12');
    expect(toHalfWidth('\uFF00\uFF5F')).toBe('\uFF00\uFF5F');
  });

  it('removes every space, tab, line break and ideographic space, and upper-cases', () => {
    expect(normaliseCode(' 44 01\t05\n1949\u3000123１ 00２x ')).toBe('44010519491231002X');
    expect(normaliseCode('a b')).toBe('AB');
    expect(normaliseCode('')).toBe('');
  });
});
