// The usage module's public surface: the 用证记录 page and the batching writer behind every check.

export { usageRoutes, type UsageDeps } from './usage.routes';
export { createUsageLog, type UsageEvent, type UsageLog, type UsageLogDeps } from './usage-log';
export { sqlUsageStore, type UsageLogRow, type UsageLogStore } from './usage-log.repo';
export { createUsageRepo, type UsageRepo, type UsageRow } from './usage.repo';
