import { certificateListSchema, type CertificateSummary } from '@roadcert/shared';
import { getJson } from '../../lib/request';

export async function fetchMyCertificates(): Promise<CertificateSummary[]> {
  const list = await getJson('/api/v1/me/certificates', certificateListSchema);
  return list.items;
}
