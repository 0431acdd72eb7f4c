import { useDidHide, useDidShow } from '../../lib/page';
import { useEffect, useRef, useState } from 'react';
import { holdScreenForPresentation, watchScreenCapture } from '../../lib/screen';

/** How long the "screenshots do not work" note stays after a screenshot. */
const CAPTURE_NOTE_MS = 6000;

/**
 * While the holder screen shows: full brightness, screen kept on, hidden from capture where the
 * platform allows; everything restored when the page is left or hidden. Returns true for a few
 * seconds after a screenshot, to say that a screenshot of a rotating QR is of no use.
 */
export function useScreenHold(): boolean {
  const release = useRef<(() => void) | null>(null);
  const [capturedAt, setCapturedAt] = useState<number | null>(null);

  const hold = () => {
    if (!release.current) release.current = holdScreenForPresentation();
  };
  const letGo = () => {
    release.current?.();
    release.current = null;
  };

  useEffect(() => {
    hold();
    const stopWatching = watchScreenCapture(() => setCapturedAt(Date.now()));
    return () => {
      stopWatching();
      letGo();
    };
  }, []);
  useDidShow(hold);
  useDidHide(letGo);

  useEffect(() => {
    if (capturedAt === null) return undefined;
    const timer = setTimeout(() => setCapturedAt(null), CAPTURE_NOTE_MS);
    return () => clearTimeout(timer);
  }, [capturedAt]);

  return capturedAt !== null;
}
