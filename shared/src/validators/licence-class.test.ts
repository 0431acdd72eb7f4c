import { describe, expect, it } from 'vitest';
import {
  classesDrivableWith,
  licenceClassList,
  licenceClasses,
  licenceCovers,
  parseLicenceClasses,
} from './licence-class';

describe('licence classes', () => {
  it('has the 17 classes of 公安部令162号 with Chinese names', () => {
    expect(licenceClassList).toEqual([
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
      'D',
      'E',
      'F',
      'M',
      'N',
      'P',
    ]);
    for (const cls of licenceClassList) expect(licenceClasses[cls].name).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('closes the also-drives table', () => {
    expect([...classesDrivableWith('A1')].sort()).toEqual(['A1', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'M']);
    expect(classesDrivableWith('A2').has('C6')).toBe(true);
    expect(classesDrivableWith('A1').has('C6')).toBe(false);
    expect([...classesDrivableWith('D')].sort()).toEqual(['D', 'E', 'F']);
    expect([...classesDrivableWith('C2')]).toEqual(['C2']);
  });
});

describe('parseLicenceClasses', () => {
  it.each([
    ['A2D', ['A2', 'D']],
    ['A1A2', ['A1', 'A2']],
    ['B2', ['B2']],
    ['a2、d', ['A2', 'D']],
    ['D A2', ['A2', 'D']],
    ['C1E', ['C1', 'E']],
  ])('parses %j', (input, expected) => {
    expect(parseLicenceClasses(input)).toEqual({ ok: true, value: expected });
  });

  it('drops duplicates with a warning', () => {
    expect(parseLicenceClasses('B2B2')).toMatchObject({ ok: true, value: ['B2'], warnings: [expect.any(String)] });
  });

  it.each([
    ['', 'EMPTY'],
    ['A4', 'UNKNOWN_CLASS'],
    ['C7', 'UNKNOWN_CLASS'],
    ['A', 'UNKNOWN_CLASS'],
    ['B2X', 'UNKNOWN_CLASS'],
    ['G', 'UNKNOWN_CLASS'],
  ])('rejects %j with %s', (input, reason) => {
    expect(parseLicenceClasses(input)).toMatchObject({ ok: false, reason });
  });

  it('names the part it could not read', () => {
    const result = parseLicenceClasses('B2X');
    if (result.ok) throw new Error('expected failure');
    expect(result.message).toContain('“X”');
  });
});

describe('licenceCovers', () => {
  it('follows the also-drives closure', () => {
    expect(licenceCovers(['A1'], 'B2')).toBe(true);
    expect(licenceCovers(['A1'], 'C2')).toBe(true);
    expect(licenceCovers(['B2'], 'B1')).toBe(false);
    expect(licenceCovers(['C1'], 'A1')).toBe(false);
    expect(licenceCovers(['C1', 'A3'], 'A3')).toBe(true);
  });

  it('reads printed combinations and ignores rubbish', () => {
    expect(licenceCovers(['A2D'], 'F')).toBe(true);
    expect(licenceCovers(['XYZ', 'b2'], 'c1')).toBe(true);
    expect(licenceCovers(['A1'], 'Q9')).toBe(false);
    expect(licenceCovers([], 'C1')).toBe(false);
  });
});

describe('licence class rules', () => {
  it('reads only the 17 classes: A4–A6, B3–B6 and C7 match the token pattern but are no class', () => {
    for (const text of ['A4', 'B3', 'B6', 'A2A4', 'C7'])
      expect(parseLicenceClasses(text)).toMatchObject({ ok: false, reason: 'UNKNOWN_CLASS' });
  });

  it('takes , ， 、 ; ； / | + as separators and nothing else', () => {
    expect(parseLicenceClasses('A2,D，E、F;M；N/P|C1+C2')).toEqual({
      ok: true,
      value: ['A2', 'C1', 'C2', 'D', 'E', 'F', 'M', 'N', 'P'],
    });
    expect(parseLicenceClasses('A2*D')).toMatchObject({ ok: false, reason: 'UNKNOWN_CLASS' });
  });

  it('covers nothing for an unknown needed class or an unreadable held entry', () => {
    expect(licenceCovers(['A1'], 'Z9')).toBe(false);
    expect(licenceCovers(['A1'], 'A1D')).toBe(false);
    expect(licenceCovers(['X'], 'C1')).toBe(false);
    expect(licenceCovers(['a1'], ' c1 ')).toBe(true);
  });
});
