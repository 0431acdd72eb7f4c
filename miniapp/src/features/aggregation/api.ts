import {
  aggregationSummarySchema,
  deadLetterPageSchema,
  reconciliationListSchema,
  resendResultSchema,
  type AggregationSummary,
} from '@roadcert/shared';
import type { z } from 'zod';
import { staffRequest } from '../../lib/staff-session';

/** 数据归集 in the workbench: the rate beside the compliance rate, dead letters and 补传, reconciliations. */
const AGGREGATION = '/api/v1/staff/aggregation';

export type DeadLetterPage = z.infer<typeof deadLetterPageSchema>;
export type ReconciliationList = z.infer<typeof reconciliationListSchema>;

export function fetchAggregationSummary(): Promise<AggregationSummary> {
  return staffRequest({ path: `${AGGREGATION}/summary`, schema: aggregationSummarySchema });
}

export function fetchDeadLetters(before?: string): Promise<DeadLetterPage> {
  return staffRequest({
    path: `${AGGREGATION}/dead-letters`,
    data: before ? { before } : {},
    schema: deadLetterPageSchema,
  });
}

/** 补传: the given dead entries, or every dead entry of the staff member's region. */
export function resendDeadLetters(request: { ids: string[] } | { all: true }) {
  return staffRequest({
    path: `${AGGREGATION}/dead-letters/resend`,
    method: 'POST',
    data: request,
    schema: resendResultSchema,
  });
}

export function fetchReconciliations(): Promise<ReconciliationList> {
  return staffRequest({ path: `${AGGREGATION}/reconciliations`, schema: reconciliationListSchema });
}
