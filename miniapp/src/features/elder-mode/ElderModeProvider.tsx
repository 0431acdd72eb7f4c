import { createContext, useCallback, useContext, useMemo, useState, type PropsWithChildren } from 'react';
import { getStored, setStored } from '../../lib/storage';

interface ElderModeValue {
  /** 长辈版: larger text and touch targets on every page. */
  enabled: boolean;
  toggle: () => void;
}

const ElderModeContext = createContext<ElderModeValue>({ enabled: false, toggle: () => undefined });

/** Holds the 长辈版 choice for the whole app and remembers it on the device. */
export function ElderModeProvider({ children }: PropsWithChildren) {
  const [enabled, setEnabled] = useState(() => getStored('elderMode') ?? false);

  const toggle = useCallback(() => {
    setEnabled((current) => {
      setStored('elderMode', !current);
      return !current;
    });
  }, []);

  const value = useMemo(() => ({ enabled, toggle }), [enabled, toggle]);
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>;
}

export function useElderMode(): ElderModeValue {
  return useContext(ElderModeContext);
}
