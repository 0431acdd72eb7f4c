// The photos module's public surface: other modules, the composition root and tests import from here only.

// Routes and the module's services (built once by the routes function, or by the composition root).
export { photoRoutes } from './photos.routes';
export {
  bindPhotoRepos,
  createPhotosModule,
  type PhotoRepos,
  type PhotosDeps,
  type PhotosModule,
} from './photos.module';

// The one access rule for photos (the caller's own live photo; anything else 404, audited).
export { findOwnPhoto, type PhotoAccessDeps } from './photo-access';

// The repo and its row types (applications attaches portraits with it).
export { createPhotoRepo, type NewPhoto, type PhotoRepo, type PhotoRow } from './photos.repo';
