import { useEffect, useRef } from 'react';

/**
 * While `running`, calls `poll` every `ms` (a background run's progress); when it stops
 * running — not when the page unmounts — calls `onFinished` once (read the figures again).
 */
export function usePollWhile(running: boolean, poll: () => unknown, ms: number, onFinished?: () => void): void {
  const wasRunning = useRef(false);
  useEffect(() => {
    if (!running) {
      if (wasRunning.current) {
        wasRunning.current = false;
        onFinished?.();
      }
      return;
    }
    wasRunning.current = true;
    const timer = setInterval(() => void poll(), ms);
    return () => clearInterval(timer);
  }, [running, poll, ms, onFinished]);
}
