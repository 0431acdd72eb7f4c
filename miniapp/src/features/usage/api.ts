import { certificateListSchema, usagePageSchema, type CertificateSummary, type UsagePage } from '@roadcert/shared';
import { getJson } from '../../lib/request';

/** How many records one list shows per certificate (the API allows up to 100 a page). */
export const usagePageSize = 50;

export function fetchUsage(certificateId: string): Promise<UsagePage> {
  return getJson('/api/v1/me/usage', usagePageSchema, { certificateId, page: '1', pageSize: String(usagePageSize) });
}

export async function fetchCertificatesForUsage(): Promise<CertificateSummary[]> {
  const list = await getJson('/api/v1/me/certificates', certificateListSchema);
  return list.items;
}
