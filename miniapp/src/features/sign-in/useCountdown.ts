import { useCallback, useEffect, useState } from 'react';
import { deadlineAfter, secondsLeft } from './countdown';

/** Seconds left until resend is allowed; `start(seconds)` begins a wait, `stop()` ends it early. */
export function useCountdown() {
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (deadline === null) return undefined;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (secondsLeft(deadline, current) === 0) setDeadline(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);

  const start = useCallback((seconds: number) => {
    const current = Date.now();
    setNow(current);
    setDeadline(deadlineAfter(seconds, current));
  }, []);
  const stop = useCallback(() => setDeadline(null), []);

  return { remaining: secondsLeft(deadline, now), start, stop };
}
