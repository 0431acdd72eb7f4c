import type { PartnerVerifyRequest, PartnerVerifyResponse } from '@roadcert/shared';
import type { UsageEvent, UsageLog } from '../../lib/usage-event';
import type { TokenVerifier } from '../presentation';
import type { AuthenticatedPartner } from './partner-auth';
import type { PartnerRepo } from './partners.repo';
import { partnerView } from './partner-view';

export type PartnerVerifyDeps = {
  partners: Pick<PartnerRepo, 'certificateForView'>;
  verifier: Pick<TokenVerifier, 'withUsageLog'>;
  usageLog: Pick<UsageLog, 'record'>;
};

/**
 * Partner token verification through the presentation module's verifier (one verdict
 * logic for every channel). That verifier writes its own usage event as an anonymous QR
 * scan; for a partner call it is handed a usage log that only captures the event — the
 * certificate it names and the verdict — and this module writes the PARTNER_API event
 * with the partner's scoped fields instead.
 */
export function createPartnerVerify(deps: PartnerVerifyDeps) {
  return async function verifyForPartner(
    partner: AuthenticatedPartner,
    body: PartnerVerifyRequest,
  ): Promise<PartnerVerifyResponse> {
    let named: UsageEvent | null = null;
    const capture: Pick<UsageLog, 'record'> = {
      record: (event) => {
        named = event;
      },
    };
    const result = await deps.verifier.withUsageLog(capture).verify('anonymous', {
      token: body.token,
      channel: 'QR_PORTAL',
    });
    const event = named as UsageEvent | null;
    // The verifier shows a certificate only for VALID and NOT_VALID; so does the partner view.
    if (!event || !result.certificate)
      return {
        verdict: result.verdict,
        reason: result.verdict === 'VALID' ? null : result.reason,
        certificate: null,
        fieldsShown: [],
        checkedAt: result.checkedAt,
      };
    const row = await deps.partners.certificateForView(event.certificateId);
    const { replaces, ...certificate } = row;
    const { view, fieldsShown } = partnerView(
      { certificate, replacedByElectronic: replaces !== null && certificate.carrier === 'ELECTRONIC' },
      partner.scopes,
      new Date(result.checkedAt),
    );
    deps.usageLog.record({
      certificateId: row.id,
      channel: 'PARTNER_API',
      verifierRole: `partner:${partner.kind}`,
      partnerId: partner.id,
      result: result.verdict,
      fieldsShown,
      at: new Date(result.checkedAt),
    });
    return {
      verdict: result.verdict,
      reason: result.verdict === 'VALID' ? null : result.reason,
      certificate: view,
      fieldsShown,
      checkedAt: result.checkedAt,
    };
  };
}
