import { certificateListSchema, usagePageSchema, type CertificateSummary, type UsagePage } from '@roadcert/shared';
import { getJson } from '../../lib/request';

/** How many records one list shows (the API allows up to 100 a page). */
export const usagePageSize = 50;

/** The latest records of one certificate, or (no id) of every certificate the account may see. */
export function fetchUsage(certificateId?: string): Promise<UsagePage> {
  const page = { page: '1', pageSize: String(usagePageSize) };
  return getJson('/api/v1/me/usage', usagePageSchema, certificateId === undefined ? page : { certificateId, ...page });
}

export async function fetchCertificatesForUsage(): Promise<CertificateSummary[]> {
  const list = await getJson('/api/v1/me/certificates', certificateListSchema);
  return list.items;
}
