import {
  certificateDetailSchema,
  certificateListSchema,
  certificateSummarySchema,
  type CertificateDetail,
  type CertificateSummary,
} from '@roadcert/shared';
import { getJson, postJson } from '../../lib/request';

export async function fetchMyCertificates(): Promise<CertificateSummary[]> {
  const list = await getJson('/api/v1/me/certificates', certificateListSchema);
  return list.items;
}

export function fetchCertificate(id: string): Promise<CertificateDetail> {
  return getJson(`/api/v1/me/certificates/${encodeURIComponent(id)}`, certificateDetailSchema);
}

export function activateCertificate(id: string): Promise<CertificateSummary> {
  return postJson(`/api/v1/me/certificates/${encodeURIComponent(id)}/activate`, {}, certificateSummarySchema);
}
