import {
  keyListSchema,
  statusListSchema,
  verifyResultSchema,
  type KeyList,
  type StatusList,
  type VerifyResult,
} from '@roadcert/shared';
import { isApiError } from '../../lib/api-error';
import { send } from '../../lib/http';
import { readStaffToken } from '../../lib/staff-session';

/**
 * Verifies a token with the service. Anyone may; a signed-in authority staff member on this
 * device (H5 portal) sees the wider view, so the staff token goes along when there is one — and
 * when it has lapsed, the check is simply repeated anonymously.
 */
export async function verifyOnline(token: string, channel: 'QR_PORTAL' | 'QR_MINIAPP'): Promise<VerifyResult> {
  const call = {
    path: '/api/v1/verify',
    method: 'POST' as const,
    data: { token, channel },
    schema: verifyResultSchema,
  };
  const staffToken = readStaffToken();
  try {
    return await send(call, staffToken);
  } catch (error) {
    if (staffToken === undefined || !isApiError(error) || error.status !== 401) throw error;
    return send(call, undefined);
  }
}

/** The published signing keys (cached by offline verifiers). */
export function fetchKeyList(): Promise<KeyList> {
  return send({ path: '/.well-known/roadcert/keys.json', schema: keyListSchema }, undefined);
}

/** The signed status list (cached by offline verifiers). */
export function fetchStatusList(): Promise<StatusList> {
  return send({ path: '/api/v1/status-list', schema: statusListSchema }, undefined);
}
