import {
  endedOperatorBusinessStatuses,
  type OperatorBusinessStatusChange,
  type StaffOperatorStatus,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import { isUuid } from '../../lib/ids';
import { regionPrefix } from '../../lib/regions';
import { currentStaff, type AuthState } from '../account';
import type { OperatorsModule } from './operators.module';

/**
 * Staff change an operator's 经营状态 (营业 … 歇业, 注销), in their region only (another id:
 * 404, audited). Whatever the change, every presentation token fetched for the operator's
 * certificates stops verifying (epoch bump: members and drivers fetch again, and cannot once
 * the business ended), and the certificates are rechecked — an operator 注销 with VALID
 * certificates is a compliance failure for staff to resolve (rule operator.business-status).
 */
export function createOperatorStatus(
  module: OperatorsModule,
  compliance: { recheckCertificates(ids: readonly string[]): Promise<unknown> },
) {
  const { data, audit } = module;

  return async function changeBusinessStatus(
    state: AuthState,
    operatorId: string,
    change: OperatorBusinessStatusChange,
  ): Promise<StaffOperatorStatus> {
    const staff = currentStaff(state);
    const actor = { actorKind: 'STAFF' as const, actorId: staff.staffUserId, requestId: state.requestId };
    const operator = isUuid(operatorId) ? await data.repos.operators.operatorForStaff(operatorId) : null;
    if (!operator || !operator.areaCode.startsWith(regionPrefix(staff.regionCode))) {
      await audit.record({
        ...actor,
        action: 'operator.access_denied',
        subjectType: 'holder',
        subjectId: operatorId.slice(0, 64),
        outcome: 'DENIED',
        detail: { need: 'business_status' },
      });
      throw new AppError('NOT_FOUND');
    }
    const touched = await data.transaction(async (r) => {
      await r.operators.setBusinessStatus(operator.id, change.businessStatus);
      const count = await r.operators.bumpPresentationEpochs(operator.id);
      await audit.record(
        {
          ...actor,
          action: 'operator.business_status',
          subjectType: 'holder',
          subjectId: operator.id,
          outcome: 'OK',
          detail: { from: operator.businessStatus, to: change.businessStatus, certificates: count },
        },
        r.tx,
      );
      return count;
    });
    const certificateIds = await data.repos.operators.certificateIdsOf(operator.id);
    await compliance.recheckCertificates(certificateIds);
    return {
      operatorId: operator.id,
      name: operator.name,
      businessStatus: change.businessStatus,
      businessEnded: endedOperatorBusinessStatuses.includes(change.businessStatus),
      certificatesStopped: touched,
    };
  };
}
