import { applicationRequirements } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import { photoProblem, photoRequiredHere } from './application-photo';
import { formFieldsFor, problemsBefore, validateForm } from './form-state';

const conversion = (photoRequired: boolean) => ({
  typeCode: 'D071',
  requirements: applicationRequirements('D071', 'CONVERSION'),
  photoRequired,
});
const values = { qualificationCategories: '02001', licenceClasses: 'A2', firstIssuedDate: '2009-05-20', sex: '' };
const photo = { id: 'p1', url: '/files/p1.processed.jpg' };

/** What stops 照片与材料 → 确认提交, as the form computes it. */
const blockingReview = (detail: ReturnType<typeof conversion>, attached: typeof photo | null) => {
  const fields = formFieldsFor('D071', 'CONVERSION');
  return problemsBefore(
    { ...validateForm('D071', fields, values), ...photoProblem(detail, attached) },
    fields,
    'review',
  );
};

describe('the application photo, as the server requires it', () => {
  it('asks for the photo before 确认提交 when the server says the application needs one (no portrait to carry over)', () => {
    expect(photoRequiredHere(conversion(true))).toBe(true);
    expect(blockingReview(conversion(true), null)).toEqual({ photo: '请上传近期免冠白底证件照' });
    expect(blockingReview(conversion(true), photo)).toEqual({});
  });

  it('does not ask when the base certificate has a portrait (photoRequired false)', () => {
    expect(photoRequiredHere(conversion(false))).toBe(false);
    expect(blockingReview(conversion(false), null)).toEqual({});
  });

  it('never asks for a type without a portrait (道路运输证), whatever the flag', () => {
    expect(
      photoRequiredHere({
        typeCode: 'D013',
        requirements: applicationRequirements('D013', 'CONVERSION'),
        photoRequired: true,
      }),
    ).toBe(false);
  });
});
