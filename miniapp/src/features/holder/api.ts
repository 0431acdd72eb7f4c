import { holderProfileSchema, type HolderProfile } from '@roadcert/shared';
import { getJson } from '../../lib/request';

export function fetchMe(): Promise<HolderProfile> {
  return getJson('/api/v1/me', holderProfileSchema);
}
