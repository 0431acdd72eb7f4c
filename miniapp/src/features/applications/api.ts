import {
  applicationDetailSchema,
  applicationListSchema,
  type ApplicationDetail,
  type ApplicationFormData,
  type ApplicationSummary,
  type StartApplicationRequest,
} from '@roadcert/shared';
import { getJson, postJson, request } from '../../lib/request';

const BASE = '/api/v1/me/applications';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** 开始办理: creates the draft, prefilled by the server (信息免填报). */
export function startApplication(input: StartApplicationRequest): Promise<ApplicationDetail> {
  return postJson(BASE, { ...input }, applicationDetailSchema);
}

export async function fetchMyApplications(): Promise<ApplicationSummary[]> {
  const list = await getJson(BASE, applicationListSchema);
  return list.items;
}

export function fetchApplication(id: string): Promise<ApplicationDetail> {
  return getJson(one(id), applicationDetailSchema);
}

/** Saves the form server-side (DRAFT or RETURNED), so it can be continued on another device. */
export function saveApplicationDraft(
  id: string,
  formData: ApplicationFormData,
  photoId?: string,
): Promise<ApplicationDetail> {
  const body: Record<string, unknown> = { formData };
  if (photoId) body.photoId = photoId;
  return request({ path: `${one(id)}/draft`, method: 'PUT', data: body, schema: applicationDetailSchema });
}

/** Submits (or resubmits after a return); the same key again answers the same submission. */
export function submitApplication(id: string, idempotencyKey: string): Promise<ApplicationDetail> {
  return postJson(`${one(id)}/submit`, { idempotencyKey }, applicationDetailSchema);
}
