import type * as Contract from './screen';

/** The Screen Wake Lock API (not in every browser, and only on https or localhost). */
interface WakeLockSentinel {
  release(): Promise<void>;
}
interface WakeLockNavigator {
  wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinel> };
}

/** Browsers: the screen is kept on where the Wake Lock API exists; brightness and capture cannot be touched. */
export const holdScreenForPresentation: typeof Contract.holdScreenForPresentation = () => {
  let sentinel: WakeLockSentinel | null = null;
  let released = false;
  const wakeLock = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & WakeLockNavigator).wakeLock;
  wakeLock
    ?.request('screen')
    .then((lock) => {
      if (released) void lock.release().catch(() => undefined);
      else sentinel = lock;
    })
    .catch(() => undefined);
  return () => {
    released = true;
    void sentinel?.release().catch(() => undefined);
    sentinel = null;
  };
};

export const watchScreenCapture: typeof Contract.watchScreenCapture = () => () => undefined;
