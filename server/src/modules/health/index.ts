export { healthRoutes, type HealthDeps } from './health.routes';
export { createHealthRepo, type HealthRepo } from './health.repo';
