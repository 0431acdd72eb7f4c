/** Platform-free domain validators: every one returns a {@link ValidationResult}. */
export type { ValidationFailure, ValidationResult } from './result';
export { chinaToday, completedYears, isIsoDate, isRealDate, type IsoDate } from './dates';
export { normaliseCode, toHalfWidth } from './normalise';
export * from './area-code';
export * from './citizen-id';
export * from './organization-code';
export * from './social-credit-code';
export * from './certificate-identifier';
export * from './plate-number';
export * from './licence-class';
export * from './qualification-category';
export * from './qualification-licence';
