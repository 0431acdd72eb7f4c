import type * as Contract from './network';

export const watchNetwork: typeof Contract.watchNetwork = (onChange) => {
  if (typeof window === 'undefined') return () => undefined;
  const online = () => onChange(true);
  const offline = () => onChange(false);
  onChange(navigator.onLine !== false);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  };
};
