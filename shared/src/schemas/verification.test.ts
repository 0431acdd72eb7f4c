import { describe, expect, it } from 'vitest';
import { faceFieldLabel } from './verification';

describe('faceFieldLabel', () => {
  it('labels known field names in Chinese and passes unknown ones through', () => {
    expect(faceFieldLabel('qualification')).toBe('从业资格类别、准驾车型');
    expect(faceFieldLabel('somethingNew')).toBe('somethingNew');
  });
});
