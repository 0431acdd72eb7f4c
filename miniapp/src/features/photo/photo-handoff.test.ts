import { describe, expect, it } from 'vitest';
import { handOverPhoto, takeHandedPhoto } from './photo-handoff';

describe('photo handoff', () => {
  it('hands an accepted photo to the form of its application, once', () => {
    handOverPhoto('app-1', { id: 'photo-1', url: '/files/p1' });
    expect(takeHandedPhoto('app-2')).toBeNull();
    expect(takeHandedPhoto('app-1')).toEqual({ id: 'photo-1', url: '/files/p1' });
    expect(takeHandedPhoto('app-1')).toBeNull();
  });
});
