export * from './errors';
export * from './domain/codes';
export * from './schemas/common';
export * from './schemas/certificate';
export * from './schemas/session';
export * from './validators';
export * from './registry';
export * from './masking';
