import { lookupResultSchema, type LookupRequest, type LookupResult } from '@roadcert/shared';
import { postPublic } from '../../lib/request';

/** Public and rate-limited per IP; no session goes with it. */
export function lookupCertificate(input: LookupRequest): Promise<LookupResult> {
  return postPublic('/api/v1/lookup', { ...input }, lookupResultSchema);
}
