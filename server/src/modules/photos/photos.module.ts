import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { createUnitOfWork, type Db } from '../../db/unit-of-work';
import type { AuditLog } from '../../lib/audit';
import type { ObjectStorage } from '../../adapters/storage';
import type { ImagePipeline } from '../../adapters/image';
import { createPhotoRepo } from './photos.repo';

/** What the photos routes need from the composition root. */
export type PhotosDeps = {
  config: Pick<Config, 'storage'>;
  prisma: Database['prisma'];
  /** The audit log, built once by the composition root. */
  audit: AuditLog;
  storage: ObjectStorage;
  images: ImagePipeline;
};

/**
 * The repos the module's use-cases run on, bound to one client. `tx` is there only to
 * hand to `audit.record(entry, r.tx)` inside `data.transaction`, never to query on.
 */
export const bindPhotoRepos = (db: Db) => ({ tx: db, photos: createPhotoRepo(db) });

export type PhotoRepos = ReturnType<typeof bindPhotoRepos>;

/** The module's services, built once (by photoRoutes) and handed to its use-cases. */
export function createPhotosModule(deps: PhotosDeps) {
  return {
    config: deps.config,
    storage: deps.storage,
    images: deps.images,
    data: createUnitOfWork(deps.prisma, bindPhotoRepos),
    audit: deps.audit,
  };
}

export type PhotosModule = ReturnType<typeof createPhotosModule>;
