/**
 * Registry of the road-transport certificate types (三类九证) and their field, validity and
 * photo rules, and what an application for each needs (一次性告知).
 */
export * from './type-codes';
export * from './types';
export * from './code-lists';
export * from './photo-spec';
export * from './number-formats';
export * from './certificate-types';
export * from './field-values';
export * from './application-requirements';
