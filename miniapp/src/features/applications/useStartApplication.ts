import {
  applicationRequirements,
  type ApplicationKind,
  type CertificateDetail,
  type CertificateTypeCode,
} from '@roadcert/shared';
import { useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { toApiError, type ApiErrorCode } from '../../lib/api-error';
import { redirect } from '../../lib/router';
import { fetchCertificate } from '../certificates/api';
import { followErrorNavigation } from '../session/error-navigation';
import { startApplication } from './api';

export interface StartRefusal {
  code: ApiErrorCode;
  message: string;
}

/**
 * 一次性告知 and 开始办理. The requirements come from shared (the same table the server answers
 * with), so the complete list is on screen before anything is created or typed; 开始办理 creates
 * the draft and opens its form. A refusal (APPLICATION_NOT_ALLOWED, RENEWAL_NOT_ALLOWED) is the
 * server's word and is shown as it says.
 */
export function useStartApplication(
  typeCode: CertificateTypeCode,
  kind: ApplicationKind,
  certificateId: string | undefined,
) {
  const requirements = applicationRequirements(typeCode, kind);
  const certificate = useRemote<CertificateDetail | null>(
    () => (certificateId ? fetchCertificate(certificateId) : Promise.resolve(null)),
    (error) => followErrorNavigation(error, { certificateId }),
  );
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<StartRefusal | null>(null);

  async function start(): Promise<void> {
    if (starting) return;
    setStarting(true);
    setRefusal(null);
    try {
      const draft = await startApplication({
        typeCode,
        kind,
        ...(certificateId ? { baseCertificateId: certificateId } : {}),
      });
      await redirect('applyForm', { id: draft.id });
    } catch (cause) {
      const error = toApiError(cause);
      if (!followErrorNavigation(error, { certificateId })) setRefusal({ code: error.code, message: error.message });
    } finally {
      setStarting(false);
    }
  }

  return { requirements, certificate, starting, refusal, start };
}
