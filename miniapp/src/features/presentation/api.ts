import { presentationBatchSchema, type PresentationBatch } from '@roadcert/shared';
import { getJson } from '../../lib/request';
import { BATCH_HOURS } from './batch-policy';

/** The certificate face and the material (anchors + seeds) for the next `hours` (refused with NOT_PRESENTABLE unless it may be shown). */
export function fetchPresentationBatch(certificateId: string, hours: number = BATCH_HOURS): Promise<PresentationBatch> {
  return getJson(`/api/v1/me/certificates/${encodeURIComponent(certificateId)}/presentation`, presentationBatchSchema, {
    hours: String(hours),
  });
}
