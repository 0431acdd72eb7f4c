import type { Session } from '@roadcert/shared';
import { getStored, removeStored, setStored } from '../../lib/storage';

/** Keeps the bearer token; the holder itself is always re-read from `/api/v1/me`. */
export function saveSession(session: Session): void {
  setStored('sessionToken', session.token);
}

export function clearSession(): void {
  removeStored('sessionToken');
}

export function hasSession(): boolean {
  return getStored('sessionToken') !== undefined;
}
