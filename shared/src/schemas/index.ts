/** The HTTP contracts (zod schemas and their types), one file per feature. */
export * from './common';
export * from './certificate';
export * from './auth';
export * from './identity';
export * from './operators';
export * from './photo';
export * from './application';
export * from './presentation';
export * from './verification';
export * from './lookup';
export * from './partners';
export * from './shares';
export * from './usage';
export * from './compliance';
export * from './stock-import';
export * from './reminders';
export * from './aggregation';
