// The compliance module's public surface (缺失数据补传, 数据合规率): the composition root builds
// it once; other modules and the jobs reach it through `recheckCertificates` and the batch.
export { complianceRoutes } from './compliance.routes';
export { createComplianceModule, type ComplianceDeps, type ComplianceModule } from './compliance.module';
export { Accumulator, type RunSummary } from './batch';
export { COMPLIANCE_TARGET } from './rates';
