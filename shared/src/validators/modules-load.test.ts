import { describe, expect, it } from 'vitest';

/**
 * Every validator module builds its tables when it loads. Imported inside the tests, so a
 * table that cannot be built fails a test here rather than the loading of a test file
 * (which Stryker 9.6's vitest runner would count as a surviving mutant, docs/mutation-testing.md).
 */
describe('validator modules load', () => {
  it.each([
    ['qualification-category', () => import('./qualification-category'), 'qualificationCategories'],
    ['licence-class', () => import('./licence-class'), 'licenceClassList'],
    ['plate-number', () => import('./plate-number'), 'plateProvinceAbbreviations'],
    ['social-credit-code', () => import('./social-credit-code'), 'pilotCreditCodeAllowlist'],
    ['citizen-id', () => import('./citizen-id'), 'validateCitizenId'],
  ] as const)('%s', async (_name, load, exported) => {
    const module: Record<string, unknown> = await load();
    expect(module[exported]).toBeDefined();
  });

  it('builds the category index for every listed code', async () => {
    const { qualificationCategories, getQualificationCategory } = await import('./qualification-category');
    expect(qualificationCategories).toHaveLength(54);
    expect(qualificationCategories.every((c) => getQualificationCategory(c.code) === c)).toBe(true);
  });
});
