import type { PhotoSpec } from './types';

/**
 * Portrait for person certificates (从业资格证 and the taxi driver cards).
 * UNCONFIRMED: the JT/T 1290 appearance section could not be read (domain.md
 * §2). 358×441 px is 26×32 mm at 350 dpi, the common digital ID-photo size;
 * the 40 KB cap is our assumption. Treat every figure as configuration.
 */
export const personPortraitPhotoSpec: PhotoSpec = {
  widthPx: 358,
  heightPx: 441,
  background: 'WHITE',
  mimeType: 'image/jpeg',
  maxBytes: 40 * 1024,
  confirmed: false,
};
