import { describe, expect, it } from 'vitest';
import { judgePortrait, portraitThresholds, type PortraitMeasurements } from './quality-checks';

const spec = { widthPx: 358 };
/** A photo that passes every check. */
const good: PortraitMeasurements = {
  resolutionPx: 800,
  brightness: 140,
  sharpness: 200,
  backgroundMean: 230,
  backgroundStdev: 5,
  subjectShare: 0.3,
  centreOffset: 0.01,
};
const failedOf = (m: Partial<PortraitMeasurements>) =>
  judgePortrait({ ...good, ...m }, spec)
    .filter((c) => !c.passed)
    .map((c) => c.check);

describe('judgePortrait: the reasons of a refused photo, most important first', () => {
  it('passes the reference measurements', () => {
    expect(failedOf({})).toEqual([]);
  });

  it('a busy background leads, before a background just under its lightness threshold', () => {
    const checks = judgePortrait(
      {
        ...good,
        backgroundMean: portraitThresholds.backgroundLight.min - 1,
        backgroundStdev: portraitThresholds.backgroundPlain.max + 15,
      },
      spec,
    );
    const failed = checks.filter((c) => !c.passed);
    expect(failed.map((c) => c.check)).toEqual(['BACKGROUND_PLAIN', 'BACKGROUND_LIGHT']);
    // The upload answers with the first failed check's message (upload-photo.ts).
    expect(failed[0]!.message).toContain('背景不够干净');
  });

  it('orders every combination by importance: resolution, plain background, person, sharpness, light, background colour', () => {
    expect(
      failedOf({
        resolutionPx: 100,
        brightness: 20,
        sharpness: 5,
        backgroundMean: 100,
        backgroundStdev: 60,
        subjectShare: 0.01,
        centreOffset: 0.5,
      }),
    ).toEqual(['RESOLUTION', 'BACKGROUND_PLAIN', 'CENTRED', 'SHARPNESS', 'BRIGHTNESS', 'BACKGROUND_LIGHT']);
    expect(failedOf({ brightness: 20, backgroundMean: 170 })).toEqual(['BRIGHTNESS', 'BACKGROUND_LIGHT']);
    expect(failedOf({ sharpness: 5, subjectShare: 0.01, centreOffset: 0.5 })).toEqual(['CENTRED', 'SHARPNESS']);
  });
});
