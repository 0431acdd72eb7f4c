import { accountProfileSchema, type AccountProfile } from '@roadcert/shared';
import { getJson } from '../../lib/request';

/** The signed-in account: bound holder, operators, consents, face verification window. */
export type Account = AccountProfile;

export function fetchAccount(): Promise<Account> {
  return getJson('/api/v1/me', accountProfileSchema);
}
