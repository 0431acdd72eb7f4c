import type { VerifyResult, VerifyVerdict } from '@roadcert/shared';
import { claimFaceRows, verifiedFaceRows, type FaceRow } from './face-rows';
import type { OfflineCheck } from './offline-verify';
import type { Freshness } from './cache-freshness';

/** One verification as the verifier's screen shows it, whichever way it was done. */
export interface CheckOutcome {
  verdict: VerifyVerdict;
  reason: string;
  rows: FaceRow[];
  /** How it was checked: '在线核验' or '离线核验 · 状态清单10分钟前更新'. */
  source: string;
  /** The offline check could not consult a trusted, current status list: revocations may be missed. */
  caution: string | null;
}

export function onlineOutcome(result: VerifyResult): CheckOutcome {
  return {
    verdict: result.verdict,
    reason: result.reason,
    rows: result.certificate ? verifiedFaceRows(result.certificate) : [],
    source: result.scope === 'anonymous' ? '在线核验' : '在线核验 · 工作人员视图',
    caution: null,
  };
}

export function offlineOutcome(check: OfflineCheck, status: Freshness): CheckOutcome {
  let caution: string | null = null;
  if (!check.statusListUsed) caution = '本机没有可信的状态清单，无法得知签发后的吊销或暂扣，请联网核验';
  else if (status.stale) caution = `状态清单已过期（${status.label}），最近的吊销或暂扣可能未包含，请联网后更新`;
  return {
    verdict: check.verdict,
    reason: check.reason,
    rows: check.claims ? claimFaceRows(check.claims) : [],
    source: check.statusListUsed ? `离线核验 · 状态清单${status.label}` : '离线核验',
    caution: check.verdict === 'VALID' ? caution : null,
  };
}
