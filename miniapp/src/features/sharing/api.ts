import {
  certificateListSchema,
  shareCreatedSchema,
  shareListSchema,
  sharedViewSchema,
  type CertificateSummary,
  type ShareCreateRequest,
  type ShareCreated,
  type SharedView,
  type ShareSummary,
} from '@roadcert/shared';
import { getJson, postJson, request } from '../../lib/request';

export async function fetchShareableCertificates(): Promise<CertificateSummary[]> {
  const list = await getJson('/api/v1/me/certificates', certificateListSchema);
  return list.items;
}

export function createShare(input: ShareCreateRequest): Promise<ShareCreated> {
  return postJson('/api/v1/me/shares', { ...input }, shareCreatedSchema);
}

export async function fetchMyShares(): Promise<ShareSummary[]> {
  const list = await getJson('/api/v1/me/shares', shareListSchema);
  return list.items;
}

export async function revokeShare(id: string): Promise<void> {
  await postJson(`/api/v1/me/shares/${encodeURIComponent(id)}/revoke`, {});
}

/** The share link's page: public, so no session goes with it (a shipper opens it in any browser). */
export function fetchSharedView(secret: string): Promise<SharedView> {
  return request({ path: `/api/v1/shares/${encodeURIComponent(secret)}`, schema: sharedViewSchema, auth: false });
}
