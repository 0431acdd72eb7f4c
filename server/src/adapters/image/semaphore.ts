import { AppError } from '../../errors';

/**
 * At most `limit` tasks at once, at most `maxQueued` waiting; beyond that the caller is
 * told to come back later (PHOTO_BUSY) instead of queueing without bound. Image work
 * holds large buffers, so this is what keeps memory bounded under load.
 */
export function createSemaphore(limit: number, maxQueued: number) {
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= limit) {
        if (waiting.length >= maxQueued) throw new AppError('PHOTO_BUSY', { retryAfterSeconds: 5 });
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get queued() {
      return waiting.length;
    },
  };
}
