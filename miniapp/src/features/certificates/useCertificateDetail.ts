import { errorCodes, type CertificateDetail } from '@roadcert/shared';
import { ApiError } from '../../lib/api-error';
import { useRemote, type Remote } from '../../hooks/useRemote';
import { followErrorNavigation } from '../session/error-navigation';
import { fetchCertificate } from './api';

function load(id: string | undefined): Promise<CertificateDetail> {
  if (!id)
    return Promise.reject(new ApiError({ code: 'NOT_FOUND', status: 404, message: errorCodes.NOT_FOUND.message }));
  return fetchCertificate(id);
}

/** One certificate with its history. */
export function useCertificateDetail(id: string | undefined): Remote<CertificateDetail> {
  return useRemote(
    () => load(id),
    (error) => followErrorNavigation(error, { certificateId: id }),
  );
}
