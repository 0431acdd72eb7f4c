import { consentTexts } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { consentStatus, hasCurrentConsent, missingConsents } from './consent-state';

const current = (kind: keyof typeof consentTexts) => ({ kind, textVersion: consentTexts[kind].version });

describe('consent state (versions from shared consentTexts)', () => {
  it('counts a consent only in the current text version', () => {
    expect(hasCurrentConsent([current('FACE_DATA')], 'FACE_DATA')).toBe(true);
    expect(hasCurrentConsent([{ kind: 'FACE_DATA', textVersion: '2020-01-01' }], 'FACE_DATA')).toBe(false);
    expect(hasCurrentConsent([current('ID_NUMBER')], 'FACE_DATA')).toBe(false);
  });

  it('lists what is still to be asked, in order', () => {
    expect(missingConsents([current('ID_NUMBER')], ['PRIVACY_POLICY', 'ID_NUMBER', 'FACE_DATA'])).toEqual([
      'PRIVACY_POLICY',
      'FACE_DATA',
    ]);
  });

  it('tells granted, outdated and never apart', () => {
    expect(consentStatus([current('SMS_REMINDERS')], 'SMS_REMINDERS')).toBe('granted');
    expect(consentStatus([{ kind: 'SMS_REMINDERS', textVersion: 'old' }], 'SMS_REMINDERS')).toBe('outdated');
    expect(consentStatus([], 'SMS_REMINDERS')).toBe('none');
  });
});
