// The aggregation module's public surface (数据归集 to the ministry, docs/aggregation.md): the
// composition root builds it once, main.ts / worker.ts start it, the jobs reconcile through it.
export { aggregationRoutes } from './aggregation.routes';
export { createAggregationModule, type AggregationDeps, type AggregationModule } from './aggregation.module';
export { createAggregationRepo, type AggregationRepo } from './aggregation.repo';
export { createAggregationWorker, defaultWorkerOptions, type AggregationWorker, type WorkerOptions } from './worker';
export { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker';
export { reconcile, type ReconciliationResult } from './reconcile';
export { AGGREGATION_TARGET, LAG_ALERT_MS, alertsOf, figuresFor } from './figures';
