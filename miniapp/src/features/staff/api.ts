import {
  staffApplicationDetailSchema,
  staffApplicationListSchema,
  staffCertificateListSchema,
  staffCertificateSchema,
  staffChallengeSchema,
  staffProfileSchema,
  staffTokenSchema,
  type ReturnApplicationRequest,
  type StaffApplicationDetail,
  type StaffCertificate,
  type StaffCertificateStatusChange,
} from '@roadcert/shared';
import { clearStaffToken, saveStaffToken, staffRequest } from '../../lib/staff-session';
import { photoOf, type ReviewPhoto } from './review-view';

/** The authority staff API (运管): sign-in, the review queue and decisions, certificate status. */

export type StaffProfile = ReturnType<typeof staffProfileSchema.parse>;
export type StaffQueueItem = ReturnType<typeof staffApplicationListSchema.parse>['items'][number];

/** Step 1: username + password → a challenge for the authenticator code. */
export async function staffLogin(username: string, password: string): Promise<string> {
  const challenge = await staffRequest({
    path: '/api/v1/staff/auth/login',
    method: 'POST',
    data: { username: username.trim(), password },
    schema: staffChallengeSchema,
    auth: false,
  });
  return challenge.challengeId;
}

/** Step 2: the TOTP code → the staff session, kept apart from any account session. */
export async function staffVerify(challengeId: string, code: string): Promise<StaffProfile> {
  const token = await staffRequest({
    path: '/api/v1/staff/auth/verify',
    method: 'POST',
    data: { challengeId, code: code.trim() },
    schema: staffTokenSchema,
    auth: false,
  });
  saveStaffToken(token.accessToken);
  return token.staff;
}

export function fetchStaffProfile(): Promise<StaffProfile> {
  return staffRequest({ path: '/api/v1/staff/me', schema: staffProfileSchema });
}

/** Ends the staff session on the server; this browser forgets it whatever the answer. */
export async function staffLogout(): Promise<void> {
  try {
    await staffRequest({ path: '/api/v1/staff/auth/logout', method: 'POST', data: {} });
  } finally {
    clearStaffToken();
  }
}

const APPLICATIONS = '/api/v1/staff/applications';
const one = (id: string) => `${APPLICATIONS}/${encodeURIComponent(id)}`;

export async function fetchQueue(query: Record<string, string>): Promise<StaffQueueItem[]> {
  const list = await staffRequest({ path: APPLICATIONS, data: query, schema: staffApplicationListSchema });
  return list.items;
}

export interface ReviewDetail {
  detail: StaffApplicationDetail;
  /** The attached portrait, when there is one. */
  photo: ReviewPhoto | null;
}

async function reviewCall(path: string, method: 'GET' | 'POST', data?: Record<string, unknown>): Promise<ReviewDetail> {
  const detail = await staffRequest({ path, method, data, schema: staffApplicationDetailSchema });
  return { detail, photo: photoOf(detail) };
}

export const fetchReview = (id: string) => reviewCall(one(id), 'GET');
export const startReview = (id: string) => reviewCall(`${one(id)}/start-review`, 'POST', {});
export const approveApplication = (id: string) => reviewCall(`${one(id)}/approve`, 'POST', {});
export const returnApplication = (id: string, body: ReturnApplicationRequest) =>
  reviewCall(`${one(id)}/return`, 'POST', { ...body });
export const rejectApplication = (id: string, reason: string) => reviewCall(`${one(id)}/reject`, 'POST', { reason });

export async function findCertificates(number: string): Promise<StaffCertificate[]> {
  const list = await staffRequest({
    path: '/api/v1/staff/certificates',
    data: { number },
    schema: staffCertificateListSchema,
  });
  return list.items;
}

export function setCertificateStatus(id: string, change: StaffCertificateStatusChange): Promise<StaffCertificate> {
  return staffRequest({
    path: `/api/v1/staff/certificates/${encodeURIComponent(id)}/status`,
    method: 'POST',
    data: { ...change },
    schema: staffCertificateSchema,
  });
}
