import { describe, expect, it } from 'vitest';
import { normalisePlateNumber, plateKindLabels, plateProvinceAbbreviations, validatePlateNumber } from './plate-number';

describe('validatePlateNumber', () => {
  it('lists the 31 mainland province abbreviations once each', () => {
    expect(plateProvinceAbbreviations).toHaveLength(31);
    expect(new Set(plateProvinceAbbreviations).size).toBe(31);
  });

  it.each([
    ['粤B12345', 'ORDINARY'],
    ['京AF0236', 'ORDINARY'],
    ['沪A1234学', 'ORDINARY'],
    ['粤Z1234港', 'ORDINARY'],
    ['鲁B1234挂', 'TRAILER'],
    ['粤BD12345', 'NEW_ENERGY_SMALL'],
    ['沪AFA1234', 'NEW_ENERGY_SMALL'],
    ['苏E12345D', 'NEW_ENERGY_LARGE'],
    ['浙A12345F', 'NEW_ENERGY_LARGE'],
  ])('accepts %s as %s', (plate, kind) => {
    const result = validatePlateNumber(plate);
    expect(result).toMatchObject({ ok: true, value: { plate, kind } });
    if (result.ok) expect(result.warnings).toBeUndefined();
  });

  it('reports the province and the energy type', () => {
    expect(validatePlateNumber('粤BD12345')).toMatchObject({ value: { province: '粤', energy: 'PURE_ELECTRIC' } });
    expect(validatePlateNumber('苏E12345F')).toMatchObject({ value: { energy: 'NON_PURE_ELECTRIC' } });
    expect(validatePlateNumber('粤B12345')).not.toHaveProperty('value.energy');
  });

  it('normalises spaces, middle dots, full-width and lower-case characters', () => {
    expect(validatePlateNumber(' 粤b·12345 ')).toMatchObject({ ok: true, value: { plate: '粤B12345' } });
    expect(validatePlateNumber('粤Ｂ　１２３４５')).toMatchObject({ ok: true, value: { plate: '粤B12345' } });
    expect(validatePlateNumber('粤bd 12345')).toMatchObject({ ok: true, value: { plate: '粤BD12345' } });
  });

  it('accepts A–K energy letters leniently, with a warning', () => {
    for (const plate of ['粤BA12345', '粤BK12345', '苏E12345C']) {
      const result = validatePlateNumber(plate);
      expect(result).toMatchObject({ ok: true, warnings: [expect.any(String)] });
    }
    expect(validatePlateNumber('粤BA12345')).toMatchObject({ value: { energy: 'PURE_ELECTRIC' } });
    expect(validatePlateNumber('粤BG12345')).toMatchObject({ value: { energy: 'NON_PURE_ELECTRIC' } });
  });

  it.each([
    ['', 'EMPTY'],
    ['B12345', 'INVALID_PROVINCE'],
    ['港A12345', 'INVALID_PROVINCE'],
    ['粤B1234', 'INVALID_LENGTH'],
    ['粤B1234567', 'INVALID_LENGTH'],
    ['粤I12345', 'INVALID_FORMAT'],
    ['粤B1O345', 'INVALID_FORMAT'],
    ['粤112345', 'INVALID_FORMAT'],
    ['粤BL12345', 'INVALID_FORMAT'],
    ['粤BD1234A', 'INVALID_FORMAT'],
    ['粤B12345L', 'INVALID_FORMAT'],
  ])('rejects %j with %s', (plate, reason) => {
    expect(validatePlateNumber(plate)).toMatchObject({ ok: false, reason });
  });
});

describe('plate rules', () => {
  it('splits the energy letters at E: A–E pure electric, F–K not', () => {
    expect(validatePlateNumber('粤BE12345')).toMatchObject({ ok: true, value: { energy: 'PURE_ELECTRIC' } });
    expect(validatePlateNumber('苏E12345E')).toMatchObject({ ok: true, value: { energy: 'PURE_ELECTRIC' } });
    expect(validatePlateNumber('粤BF12345')).toMatchObject({ ok: true, value: { energy: 'NON_PURE_ELECTRIC' } });
    expect(validatePlateNumber('粤BD12345')).toMatchObject({ ok: true, value: { energy: 'PURE_ELECTRIC' } });
  });

  it('tells small from large new-energy plates by where the energy letter is', () => {
    expect(validatePlateNumber('粤BD12345')).toMatchObject({
      value: { kind: 'NEW_ENERGY_SMALL', energy: 'PURE_ELECTRIC' },
    });
    expect(validatePlateNumber('粤B12345D')).toMatchObject({
      value: { kind: 'NEW_ENERGY_LARGE', energy: 'PURE_ELECTRIC' },
    });
    expect(validatePlateNumber('粤B12345F')).toMatchObject({
      value: { kind: 'NEW_ENERGY_LARGE', energy: 'NON_PURE_ELECTRIC' },
    });
    expect(validatePlateNumber('粤BDA1234')).toMatchObject({ value: { kind: 'NEW_ENERGY_SMALL' } });
    expect(validatePlateNumber('粤BD1A234')).toMatchObject({ ok: false, reason: 'INVALID_FORMAT' });
  });

  it('anchors every layout: no letter or digit before or after it', () => {
    for (const plate of ['粤1B12345', '粤B123456', '粤1BD1234', '粤B1234D5', '粤BD123455'])
      expect(validatePlateNumber(plate).ok).toBe(false);
    expect(validatePlateNumber('粤BI1234')).toMatchObject({ ok: false, reason: 'INVALID_FORMAT' });
  });

  it('drops separators only (· • ・ ‧ . -), nothing else', () => {
    for (const plate of ['粤B·12345', '粤B•12345', '粤B・12345', '粤B‧12345', '粤B.12345', '粤B-12345'])
      expect(validatePlateNumber(plate)).toMatchObject({ ok: true, value: { plate: '粤B12345' } });
    expect(normalisePlateNumber('粤b 12345')).toBe('粤B12345');
  });

  it('labels the plate kinds', () => {
    expect(plateKindLabels).toEqual({
      ORDINARY: '普通号牌',
      TRAILER: '挂车号牌',
      NEW_ENERGY_SMALL: '小型新能源号牌',
      NEW_ENERGY_LARGE: '大型新能源号牌',
    });
  });
});
