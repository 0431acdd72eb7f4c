import {
  checkLookupInput,
  getCertificateType,
  lookupLimits,
  type LookupRequest,
  type LookupResult,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { UsageLog } from '../../lib/usage-event';
import { createRateLimiter, waitText, type RateLimitStore } from '../../lib/rate-limit';
import { effectiveStatus, isoDateOrNull } from '../certificates';
import { createCertificateMatcher, type CertificateMatch, type CertificateMatcherDeps } from './match-certificate';

/** The matcher's database and field crypto, the usage log a match is written to, the shared rate-limit counters. */
export type LookupDeps = CertificateMatcherDeps & { usageLog: Pick<UsageLog, 'record'>; rateLimits: RateLimitStore };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The number as the per-number limit counts it: its digits (printed and bare forms count together), keyed. */
export const numberKey = (deps: { fieldCrypto: Pick<FieldCrypto, 'blindIndex'> }, typeCode: string, number: string) =>
  deps.fieldCrypto.blindIndex(`${typeCode}:${number.match(/\d{6,}/g)?.join('') || number}`, 'lookup-number');

/** Throws VALIDATION_FAILED with per-field Chinese messages when the input cannot be a certificate. */
export function requireLookupInput(body: LookupRequest) {
  const checked = checkLookupInput(body);
  if (!checked.ok)
    throw new AppError('VALIDATION_FAILED', { message: Object.values(checked.fields)[0], fields: checked.fields });
  return checked;
}

function lookupMessage(match: CertificateMatch | null, status: ReturnType<typeof effectiveStatus> | null) {
  if (!match || !status) return '未查询到匹配的证照，请核对证照类型、证号、姓名（名称）和车牌号';
  if (match.certificate.status === 'REPLACED') return '该证已换发电子证照，原证不再使用';
  const replaced = match.replacedByElectronic ? '该证号的纸质或IC卡证已换发电子证照。' : '';
  return status.valid ? `${replaced}证照有效` : `${replaced}证照${status.statusLabel}，当前无效`;
}

/** The public answer: status and validity, never the holder, number or anything else. */
export function presentLookup(
  typeCode: LookupRequest['typeCode'],
  match: CertificateMatch | null,
  now: Date,
): LookupResult {
  const type = getCertificateType(typeCode)!;
  const status = match ? effectiveStatus(match.certificate, now) : null;
  return {
    found: match !== null,
    typeCode,
    typeName: type.name,
    status: status?.status ?? null,
    statusLabel: status?.statusLabel ?? null,
    valid: status?.valid ?? false,
    carrier: match?.certificate.carrier ?? null,
    validFrom: match ? isoDateOrNull(match.certificate.validFrom) : null,
    validUntil: match ? isoDateOrNull(match.certificate.validUntil) : null,
    replacedByElectronic: match?.replacedByElectronic ?? false,
    message: lookupMessage(match, status),
    checkedAt: now.toISOString(),
  };
}

/**
 * 凭证号查询 for anyone who cannot show the e-certificate. Per IP and per number limits
 * (lookupLimits) apply before the database is asked; a match writes a LOOKUP usage event.
 */
export function createLookup(deps: LookupDeps) {
  const matcher = createCertificateMatcher(deps);
  const perIp = createRateLimiter(deps.rateLimits, 'lookup-ip', [
    { limit: lookupLimits.perIpPerMinute, windowMs: MINUTE },
    { limit: lookupLimits.perIpPerDay, windowMs: DAY },
  ]);
  const perNumber = createRateLimiter(deps.rateLimits, 'lookup-number', [
    { limit: lookupLimits.perNumberPerHour, windowMs: HOUR },
    { limit: lookupLimits.perNumberPerDay, windowMs: DAY },
  ]);

  return async (ip: string, body: LookupRequest, now = new Date()): Promise<LookupResult> => {
    const input = requireLookupInput(body);
    const ipDecision = await perIp.take(ip, undefined, now.getTime());
    if (!ipDecision.ok)
      throw new AppError('RATE_LIMITED', {
        message: `当前网络查询过于频繁，请${waitText(ipDecision.retryAfterSeconds)}后再试`,
        retryAfterSeconds: ipDecision.retryAfterSeconds,
      });
    const numberDecision = await perNumber.take(numberKey(deps, body.typeCode, input.number), undefined, now.getTime());
    if (!numberDecision.ok)
      throw new AppError('RATE_LIMITED', {
        message: `该证号查询过于频繁，请${waitText(numberDecision.retryAfterSeconds)}后再试`,
        retryAfterSeconds: numberDecision.retryAfterSeconds,
      });
    const match = await matcher.match(body.typeCode, input);
    const result = presentLookup(body.typeCode, match, now);
    if (match) {
      deps.usageLog.record({
        certificateId: match.certificate.id,
        channel: 'LOOKUP',
        verifierRole: 'anonymous',
        result: result.valid ? 'VALID' : 'NOT_VALID',
        fieldsShown: [
          'type',
          'status',
          'validity',
          'carrier',
          ...(result.replacedByElectronic || match.certificate.status === 'REPLACED' ? ['replacement'] : []),
        ],
        at: now,
      });
    }
    return result;
  };
}
