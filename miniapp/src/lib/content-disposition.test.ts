import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './content-disposition';

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name (Chinese file names)', () => {
    const header = `attachment; filename="failing.csv"; filename*=UTF-8''${encodeURIComponent('不合规证照.csv')}`;
    expect(fileNameFrom(header, 'x.csv')).toBe('不合规证照.csv');
  });

  it('reads a plain quoted or bare name', () => {
    expect(fileNameFrom('attachment; filename="errors.csv"', 'x.csv')).toBe('errors.csv');
    expect(fileNameFrom('attachment; filename=template-D071.csv', 'x.csv')).toBe('template-D071.csv');
  });

  it('falls back when there is no header, no name, or a broken encoding', () => {
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv');
    expect(fileNameFrom('attachment', 'x.csv')).toBe('x.csv');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E4%ZZ", 'x.csv')).toBe('x.csv');
  });
});
