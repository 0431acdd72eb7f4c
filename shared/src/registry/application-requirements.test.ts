import { describe, expect, it } from 'vitest';
import { applicationKindList } from '../domain/applications';
import { applicationNeedsPhoto, applicationRequirements } from './application-requirements';
import { certificateTypeCodes } from './type-codes';

describe('一次性告知', () => {
  it('has a complete list for every type and kind', () => {
    for (const type of certificateTypeCodes) {
      for (const kind of applicationKindList) {
        const r = applicationRequirements(type, kind);
        expect(r.documents.length, `${type} ${kind}`).toBeGreaterThan(0);
        expect(r.conditions.length).toBeGreaterThan(0);
        expect(r.fees.length).toBeGreaterThan(0);
      }
    }
    expect(applicationRequirements('D071', 'RENEWAL').conditions.some((c) => c.text.includes('180'))).toBe(true);
    expect(applicationRequirements('D071', 'CONVERSION').photo).not.toBeNull();
    expect(applicationRequirements('D013', 'CONVERSION').photo).toBeNull();
    expect(applicationRequirements('D074', 'INITIAL').documents.every((d) => !d.confirmed)).toBe(true);
  });
});

describe('applicationNeedsPhoto', () => {
  it('asks for a portrait where the type has a photo spec and the kind lists one, unless the base has a portrait (not for 申领)', () => {
    expect(applicationNeedsPhoto('D071', 'CONVERSION', false)).toBe(true);
    expect(applicationNeedsPhoto('D071', 'CONVERSION', true)).toBe(false);
    expect(applicationNeedsPhoto('D071', 'INITIAL', true)).toBe(true);
    expect(applicationNeedsPhoto('D071', 'CHANGE', false)).toBe(false); // 变更 lists no photo
    expect(applicationNeedsPhoto('D013', 'INITIAL', false)).toBe(false); // vehicle certificates carry none
  });
});
