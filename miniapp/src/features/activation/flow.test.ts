import { consentTexts, type ConsentKind } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { nextStep, stepForError, stepStates, stepsFor, type FlowGoal } from './flow';

const NOW = new Date('2026-11-27T08:00:00Z');
const ACTIVATE: FlowGoal = { face: true, activate: true };
const REAL_NAME_ONLY: FlowGoal = { face: false, activate: false };
const fresh = { forced: null, activated: false };

const consent = (kind: ConsentKind, textVersion: string = consentTexts[kind].version) => ({ kind, textVersion });
const holder = { id: 'h1', kind: 'PERSON' as const, nameMasked: '张*', idNumberMasked: '4401**********4518' };

function account(
  overrides: Partial<{
    consents: ReturnType<typeof consent>[];
    holder: typeof holder | null;
    faceVerifiedUntil: string | null;
  }> = {},
) {
  return { consents: [consent('PRIVACY_POLICY')], holder: null, faceVerifiedUntil: null, ...overrides };
}

describe('nextStep (activation: consent → real name → face → activate)', () => {
  it('asks for the privacy policy first, also when only an older text version was agreed to', () => {
    expect(nextStep(account({ consents: [] }), ACTIVATE, fresh, NOW)).toBe('privacy');
    expect(nextStep(account({ consents: [consent('PRIVACY_POLICY', '2020-01-01')] }), ACTIVATE, fresh, NOW)).toBe(
      'privacy',
    );
  });

  it('then real-name binding', () => {
    expect(nextStep(account(), ACTIVATE, fresh, NOW)).toBe('real-name');
  });

  it('then a face verification, unless one is still fresh', () => {
    expect(nextStep(account({ holder }), ACTIVATE, fresh, NOW)).toBe('face');
    expect(nextStep(account({ holder, faceVerifiedUntil: '2026-11-27T07:59:59Z' }), ACTIVATE, fresh, NOW)).toBe('face');
    expect(nextStep(account({ holder, faceVerifiedUntil: '2026-11-27T08:10:00Z' }), ACTIVATE, fresh, NOW)).toBe(
      'activate',
    );
  });

  it('is done once the certificate is activated (by this flow or before it)', () => {
    const ready = account({ holder, faceVerifiedUntil: '2026-11-27T08:10:00Z' });
    expect(nextStep(ready, ACTIVATE, { forced: null, activated: true }, NOW)).toBe('done');
  });

  it('skips face and activation for the real-name page on its own', () => {
    expect(nextStep(account(), REAL_NAME_ONLY, fresh, NOW)).toBe('real-name');
    expect(nextStep(account({ holder }), REAL_NAME_ONLY, fresh, NOW)).toBe('done');
  });

  it('goes back to the step the server said is missing, even if the account looked complete', () => {
    const ready = account({ holder, faceVerifiedUntil: '2026-11-27T08:10:00Z' });
    expect(nextStep(ready, ACTIVATE, { forced: 'face', activated: false }, NOW)).toBe('face');
  });
});

describe('stepForError', () => {
  it('sends REAL_NAME_REQUIRED to real-name and FACE_VERIFICATION_REQUIRED to face', () => {
    expect(stepForError('REAL_NAME_REQUIRED', 'activate')).toBe('real-name');
    expect(stepForError('FACE_VERIFICATION_REQUIRED', 'activate')).toBe('face');
  });

  it('keeps CONSENT_REQUIRED in the real-name and face steps (their own consent), else the privacy policy', () => {
    expect(stepForError('CONSENT_REQUIRED', 'real-name')).toBe('real-name');
    expect(stepForError('CONSENT_REQUIRED', 'face')).toBe('face');
    expect(stepForError('CONSENT_REQUIRED', 'activate')).toBe('privacy');
  });

  it('leaves failures that the step itself explains where they are', () => {
    for (const code of [
      'REAL_NAME_MISMATCH',
      'REAL_NAME_LOCKED',
      'FACE_VERIFICATION_FAILED',
      'NOT_ACTIVATABLE',
      'NETWORK',
    ] as const) {
      expect(stepForError(code, 'activate')).toBeNull();
    }
  });
});

describe('progress', () => {
  it('lists the steps of each goal', () => {
    expect(stepsFor(ACTIVATE)).toEqual(['privacy', 'real-name', 'face', 'activate']);
    expect(stepsFor(REAL_NAME_ONLY)).toEqual(['privacy', 'real-name']);
  });

  it('marks steps before the current one done', () => {
    expect(stepStates(stepsFor(ACTIVATE), 'face')).toEqual(['done', 'done', 'current', 'todo']);
    expect(stepStates(stepsFor(ACTIVATE), 'done')).toEqual(['done', 'done', 'done', 'done']);
  });
});
