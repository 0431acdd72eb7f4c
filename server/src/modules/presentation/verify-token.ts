import type { Context } from 'koa';
import { certificateStatuses, type VerifierScope, type VerifyRequest, type VerifyResult } from '@roadcert/shared';
import { checkToken, qrTextToToken, TokenFormatError, verdictReasons } from '@roadcert/shared/presentation';
import type { AppServices } from '../../app';
import { isUuid } from '../../lib/ids';
import { requireStaff, type AuthState } from '../session/authenticate';
import { effectiveStatus } from '../lookup/certificate-face';
import { faceSelect, presentVerifiedFace, stateSelect, type StateRow } from './presentation.presenter';
import type { Keyring } from './signing-keys';

/** The token was fine when signed, but the certificate changed since: the holder must refresh. */
const EPOCH_CHANGED = '证照状态已变更，此核验码已失效';
/**
 * How long a certificate's state may be reused between verifications. Status changes made
 * through this process drop it at once (forget); another process of the service sees them
 * within this time. Bounded: roadside traffic repeats few certificates within seconds.
 */
const STATE_CACHE_MS = 3000;
const STATE_CACHE_MAX = 10_000;

/**
 * Online verification: everything the offline verifier checks (format, key, algorithm,
 * signature, window ± skew, validity end), then the certificate as it is now — its status
 * and its presentation epoch, so a token signed before a revocation or suspension is
 * NOT_VALID afterwards even inside its window. Every verification that names a certificate
 * goes to the 用证记录 through the batching usage log (field names only).
 */
export function createTokenVerifier(deps: AppServices, keyring: Keyring) {
  const { prisma, config } = deps;
  const staffSession = requireStaff(prisma, deps.sessionTokens);
  const skewSeconds = config.presentation.clockSkewSeconds;
  const states = new Map<string, { row: StateRow | null; until: number }>();

  async function stateOf(certificateId: string, now: number): Promise<StateRow | null> {
    const hit = states.get(certificateId);
    if (hit && hit.until > now) return hit.row;
    const row = await prisma.certificate.findUnique({ where: { id: certificateId }, select: stateSelect });
    if (states.size >= STATE_CACHE_MAX) states.clear();
    states.set(certificateId, { row, until: now + STATE_CACHE_MS });
    return row;
  }

  /** A staff session widens the view; any other or broken credential verifies as anonymous. */
  async function scopeOf(ctx: Context & { state: AuthState }): Promise<VerifierScope> {
    if (!ctx.get('authorization')) return 'anonymous';
    try {
      await staffSession(ctx, async () => undefined);
      return ctx.state.staff ? 'staff' : 'anonymous';
    } catch {
      return 'anonymous';
    }
  }

  async function verify(ctx: Context & { state: AuthState }, body: VerifyRequest): Promise<VerifyResult> {
    const now = Date.now();
    const checkedAt = new Date(now).toISOString();
    const scope = await scopeOf(ctx);
    const answer = (verdict: VerifyResult['verdict'], reason: string): VerifyResult => ({ verdict, reason, certificate: null, fieldsShown: [], scope, checkedAt, token: null });

    let bytes: Uint8Array;
    try {
      bytes = qrTextToToken(body.token);
    } catch (err) {
      if (err instanceof TokenFormatError) return answer('INVALID', verdictReasons.INVALID);
      throw err;
    }
    const checkWith = async (refresh: boolean) => checkToken(bytes, { keys: await keyring.trusted(now, refresh), now, skewSeconds, verifySignature: keyring.verifySignature });
    let check = await checkWith(false);
    if (check.verdict === 'UNKNOWN_KEY' && !check.claims) check = await checkWith(true);
    // Unsigned or untrusted claims name no certificate we may look up or log.
    if (!check.claims || !isUuid(check.claims.certificateId)) return answer(check.verdict, check.reason);
    const claims = check.claims;
    const tokenInfo = { kid: claims.kid, alg: claims.alg, notBefore: new Date(claims.notBefore * 1000).toISOString(), notAfter: new Date(claims.notAfter * 1000).toISOString() };
    const row = await stateOf(claims.certificateId, now);
    if (!row) return { ...answer('NOT_VALID', '未找到该证照'), token: tokenInfo };

    let verdict = check.verdict;
    let reason = check.reason;
    if (verdict === 'VALID') {
      const status = effectiveStatus(row);
      if (status.status !== 'VALID') {
        verdict = 'NOT_VALID';
        reason = `证照${certificateStatuses[status.status].label}`;
      } else if ((row.presentationEpoch & 0xffff) !== claims.epoch || row.carrier !== 'ELECTRONIC' || !row.activatedAt) {
        verdict = 'NOT_VALID';
        reason = EPOCH_CHANGED;
      }
    }
    // An expired or future token shows no data (a screenshot replayed later learns nothing).
    const shows = verdict === 'VALID' || verdict === 'NOT_VALID';
    const full = () => prisma.certificate.findUniqueOrThrow({ where: { id: row.id }, select: faceSelect });
    const face = shows ? await presentVerifiedFace(row, scope, full, deps.storage, config.storage.urlTtlSeconds) : null;
    deps.usageLog.record({
      certificateId: row.id,
      channel: body.channel ?? 'QR_PORTAL',
      verifierRole: scope,
      result: verdict,
      fieldsShown: face?.fieldsShown ?? [],
    });
    return { verdict, reason, certificate: face?.certificate ?? null, fieldsShown: face?.fieldsShown ?? [], scope, checkedAt, token: tokenInfo };
  }

  /** A status change here: the next verification reads the certificate again. */
  const forget = (certificateId: string) => void states.delete(certificateId);

  return { verify, forget };
}
