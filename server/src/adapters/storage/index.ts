import type { Config } from '../../config';
import type { KeyMaterial } from '../../lib/key-material';
import { createFileUrlSigner } from './file-url-signer';
import { createLocalStorage } from './local-storage';
import { createOssStorage } from './oss-storage';
import type { ObjectStorage } from './object-storage';

export type { ObjectStorage } from './object-storage';

/** The one place the storage driver is chosen (from validated configuration). */
export function createObjectStorage(
  config: Pick<Config, 'storage' | 'publicBaseUrl'>,
  keys: Pick<KeyMaterial, 'sessionTokenKey'>,
): ObjectStorage {
  const storage = config.storage;
  if (storage.driver === 'oss') return createOssStorage(storage);
  return createLocalStorage({
    dir: storage.dir,
    publicBaseUrl: config.publicBaseUrl,
    signer: createFileUrlSigner(keys.sessionTokenKey),
  });
}
