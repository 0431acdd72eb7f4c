// The shares module's public surface: 加注件 (purpose-limited, expiring, revocable share links).

export { shareLinkRoutes, shareRoutes } from './shares.routes';
export { createShareService, type SharesDeps } from './shares.service';
export { createShareRepo, type ShareRepo } from './shares.repo';
