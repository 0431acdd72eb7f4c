import { errorCodes, type ApplicationDetail, type ApplicationSummary } from '@roadcert/shared';
import { useRemote, type Remote } from '../../hooks/useRemote';
import { ApiError } from '../../lib/api-error';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchApplication, fetchMyApplications } from './api';

function load(id: string | undefined): Promise<ApplicationDetail> {
  if (!id)
    return Promise.reject(new ApiError({ code: 'NOT_FOUND', status: 404, message: errorCodes.NOT_FOUND.message }));
  return fetchApplication(id);
}

/** One application: state, requirements, return reasons and timeline. */
export function useApplicationDetail(id: string | undefined): Remote<ApplicationDetail> {
  return useRemote(
    () => load(id),
    (error) => followErrorNavigation(error),
  );
}

/** 我的申请, newest first (the server's order). */
export function useMyApplications(): Remote<ApplicationSummary[]> {
  return useRemote(fetchMyApplications, (error) => followErrorNavigation(error));
}
