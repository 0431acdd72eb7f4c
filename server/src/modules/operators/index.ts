// The operators module's public surface: the composition root and tests import from here only.

// Routes and the module's services (built once by the routes function, or by the composition root).
export { operatorRoutes } from './operators.routes';
export {
  bindOperatorRepos,
  createOperatorsModule,
  type OperatorRepos,
  type OperatorsDeps,
  type OperatorsModule,
} from './operators.module';

// The repo and its row type.
export { createOperatorRepo, type MemberRow, type OperatorRepo } from './operators.repo';
