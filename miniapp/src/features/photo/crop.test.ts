import { cropAspectTolerance, cropBoxSchema, personPortraitPhotoSpec } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { orientedSize } from '../../lib/picked-image';
import {
  aspectError,
  canScale,
  clampFrame,
  cropGeometry,
  framePercent,
  fromCropBox,
  initialFrame,
  moveFrame,
  scaleFrame,
  screenToImage,
  stageWidthPercent,
  toCropBox,
} from './crop';

const spec = personPortraitPhotoSpec; // 358 × 441
const aspect = 358 / 441;

describe('crop geometry', () => {
  it('starts centred at the largest spec-shaped frame: full width on a portrait photo', () => {
    const g = cropGeometry({ width: 3000, height: 4000 }, spec);
    const frame = initialFrame(g);
    expect(frame.width).toBe(3000);
    expect(frame.centreX).toBe(1500);
    expect(frame.centreY).toBe(2000);
    const box = toCropBox(frame, g);
    expect(box.x).toBe(0);
    expect(box.width).toBe(1);
    expect(box.height).toBeCloseTo(3000 / aspect / 4000, 6);
    expect(box.y).toBeCloseTo((1 - box.height) / 2, 5);
  });

  it('starts at full height on a landscape photo', () => {
    const g = cropGeometry({ width: 4000, height: 3000 }, spec);
    const box = toCropBox(initialFrame(g), g);
    expect(box.height).toBe(1);
    expect(box.y).toBe(0);
    expect(box.width).toBeCloseTo((3000 * aspect) / 4000, 6);
    expect(box.x + box.width / 2).toBeCloseTo(0.5, 6);
  });

  it('keeps the pixel aspect of the spec however the frame is moved or scaled', () => {
    const g = cropGeometry({ width: 1080, height: 1920 }, spec);
    let frame = initialFrame(g);
    frame = scaleFrame(frame, 0.7, g);
    frame = moveFrame(frame, 123.4, -56.7, g);
    const box = toCropBox(frame, g);
    expect(aspectError(box, g)).toBeLessThan(1e-4);
    expect(aspectError(box, g)).toBeLessThan(cropAspectTolerance);
    expect(cropBoxSchema.safeParse(box).success).toBe(true);
  });

  it('clamps moves at the edges of the photo', () => {
    const g = cropGeometry({ width: 1200, height: 1600 }, spec);
    const small = scaleFrame(initialFrame(g), 0.5, g);
    const farLeftUp = toCropBox(moveFrame(small, -5000, -5000, g), g);
    expect(farLeftUp.x).toBe(0);
    expect(farLeftUp.y).toBe(0);
    const farRightDown = toCropBox(moveFrame(small, 5000, 5000, g), g);
    expect(farRightDown.x + farRightDown.width).toBeCloseTo(1, 6);
    expect(farRightDown.y + farRightDown.height).toBeCloseTo(1, 6);
    expect(farRightDown.x + farRightDown.width).toBeLessThanOrEqual(1);
  });

  it('never shrinks the frame below the spec width in photo pixels, nor grows it past the photo', () => {
    const g = cropGeometry({ width: 800, height: 1000 }, spec);
    const tiny = scaleFrame(initialFrame(g), 0.01, g);
    expect(tiny.width).toBe(358);
    expect(canScale(tiny, 0.9, g)).toBe(false);
    const huge = scaleFrame(tiny, 100, g);
    expect(huge.width).toBe(800);
    expect(canScale(huge, 1.1, g)).toBe(false);
    expect(canScale(huge, 0.9, g)).toBe(true);
  });

  it('lets a large photo shrink the frame to 40 % of its largest size', () => {
    const g = cropGeometry({ width: 3000, height: 4000 }, spec);
    expect(scaleFrame(initialFrame(g), 0.01, g).width).toBe(1200);
  });

  it('does not scale at all when the photo is narrower than the spec', () => {
    const g = cropGeometry({ width: 300, height: 400 }, spec);
    expect(g.minWidth).toBe(300);
    expect(g.maxWidth).toBe(300);
    expect(toCropBox(initialFrame(g), g).width).toBe(1);
  });

  it('repairs a frame that does not fit (e.g. restored from a server crop)', () => {
    const g = cropGeometry({ width: 1000, height: 1000 }, spec);
    const fixed = clampFrame({ centreX: 990, centreY: 10, width: 5000 }, g);
    expect(fixed.width).toBeCloseTo(1000 * aspect, 6);
    expect(fixed.centreX).toBeCloseTo(1000 - fixed.width / 2, 6);
    expect(fixed.centreY).toBeCloseTo(500, 6);
  });

  it('round-trips through the server crop box', () => {
    const g = cropGeometry({ width: 2000, height: 3000 }, spec);
    const frame = moveFrame(scaleFrame(initialFrame(g), 0.6, g), 100, 200, g);
    const back = fromCropBox(toCropBox(frame, g), g);
    expect(back.width).toBeCloseTo(frame.width, 2);
    expect(back.centreX).toBeCloseTo(frame.centreX, 2);
    expect(back.centreY).toBeCloseTo(frame.centreY, 2);
  });

  it('converts finger movement on the stage to photo pixels', () => {
    const g = cropGeometry({ width: 3000, height: 4000 }, spec);
    expect(screenToImage(30, 300, g)).toBe(300);
    expect(screenToImage(30, 0, g)).toBe(0);
  });

  it('places the frame in percent of the displayed photo', () => {
    const g = cropGeometry({ width: 1000, height: 1000 }, spec);
    const place = framePercent(initialFrame(g), g);
    expect(place.top).toBe(0);
    expect(place.height).toBe(100);
    expect(place.width).toBeCloseTo(aspect * 100, 3);
    expect(place.left).toBeCloseTo((100 - place.width) / 2, 3);
  });

  it('shows tall photos narrower so the buttons stay on screen', () => {
    expect(stageWidthPercent({ width: 4000, height: 3000 })).toBe(100);
    expect(stageWidthPercent({ width: 1080, height: 1920 })).toBeCloseTo(67.5, 6);
    expect(stageWidthPercent({ width: 0, height: 0 })).toBe(100);
  });
});

describe('orientation', () => {
  it('swaps width and height for quarter turns (EXIF 5–8) reported by getImageInfo', () => {
    expect(orientedSize(4000, 3000, 'right')).toEqual({ width: 3000, height: 4000 });
    expect(orientedSize(4000, 3000, 'left-mirrored')).toEqual({ width: 3000, height: 4000 });
    expect(orientedSize(4000, 3000, 'up')).toEqual({ width: 4000, height: 3000 });
    expect(orientedSize(4000, 3000, 'down-mirrored')).toEqual({ width: 4000, height: 3000 });
    expect(orientedSize(4000, 3000, undefined)).toEqual({ width: 4000, height: 3000 });
  });

  it('normalises to the displayed (rotated) photo, so a box from a rotated phone photo fits it', () => {
    // A 4000×3000 sensor image with orientation 6 is displayed 3000×4000 (portrait).
    const g = cropGeometry(orientedSize(4000, 3000, 'right'), spec);
    const box = toCropBox(initialFrame(g), g);
    expect(box.width).toBe(1);
    expect(box.height).toBeLessThan(1);
    expect(aspectError(box, g)).toBeLessThan(1e-4);
  });
});
