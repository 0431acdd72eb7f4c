import type { Context } from 'koa';
import { certificateStatuses, type VerifierScope, type VerifyRequest, type VerifyResult } from '@roadcert/shared';
import { checkToken, qrTextToToken, TokenFormatError, verdictReasons } from '@roadcert/shared/presentation';
import type { ObjectStorage } from '../../adapters/storage';
import type { Config } from '../../config';
import type { Database, Sql } from '../../db/database';
import { cacheLifetime, type ChangeFeed } from '../../db/notify';
import { isUuid } from '../../lib/ids';
import type { UsageLog } from '../../lib/usage-event';
import { effectiveStatus } from '../certificates';
import { requireStaff, type AuthState, type SessionTokens } from '../account';
import { presentVerifiedFace } from './presentation.presenter';
import {
  readCertificateState,
  readCertificateStateByIndex,
  type PresentationRepo,
  type StateRow,
} from './presentation.repo';
import type { Keyring } from './signing-keys';

export type TokenVerifierDeps = {
  config: Pick<Config, 'presentation' | 'storage'>;
  /** With sessionTokens: a staff session's check (it widens the view). */
  prisma: Database['prisma'];
  sessionTokens: SessionTokens;
  /** The certificate state on the hot path, in one SQL statement (readCertificateState). */
  sql: Sql;
  faces: Pick<PresentationRepo, 'face'>;
  storage: Pick<ObjectStorage, 'signedUrl'>;
  usageLog: Pick<UsageLog, 'record'>;
  /** Changes made by any process (db/notify.ts) drop cached states; absent: this process's only. */
  changes: Pick<ChangeFeed, 'subscribe' | 'live'>;
};

export type TokenVerifier = {
  verify(scope: VerifierScope, body: VerifyRequest): Promise<VerifyResult>;
  scopeOf(ctx: Context & { state: AuthState }): Promise<VerifierScope>;
  /** A status change here: the next verification reads the certificate again. */
  forget(certificateId: string): void;
  /**
   * A verifier of its own (its own state cache) writing its usage events to `usageLog`
   * instead: the partner API captures them and logs its own (partners/partner-verify.ts).
   */
  withUsageLog(usageLog: Pick<UsageLog, 'record'>): TokenVerifier;
};

/** The token was fine when signed, but the certificate changed since: the holder must refresh. */
const EPOCH_CHANGED = '证照状态已变更，此核验码已失效';
/** At most this many certificates' states are cached (then the cache starts over). */
const STATE_CACHE_MAX = 10_000;

/** A verdict that names no certificate (the token could not be read or trusted, or names none we have). */
function unnamed(
  verdict: VerifyResult['verdict'],
  reason: string,
  scope: VerifierScope,
  checkedAt: string,
): VerifyResult {
  return { verdict, reason, certificate: null, fieldsShown: [], scope, checkedAt, token: null };
}

/**
 * Certificates' states as online verification reads them, shared by every verifier of the
 * process (the partner API's too). Kept PRESENTATION_STATE_CACHE_MS (default 3 s); a change
 * made through any process drops the entry at once (the database's NOTIFY, db/notify.ts),
 * and while that feed is down entries live at most FALLBACK_CACHE_MS (1 s).
 */
function createStateCache(deps: Pick<TokenVerifierDeps, 'config' | 'sql' | 'changes'>) {
  const stateCacheMs = deps.config.presentation.stateCacheMs;
  // The pending read is cached, not only its result: when an entry expires under load, the
  // fifty verifications waiting on it share one query instead of sending fifty.
  // Keyed by certificate id (version 1) or `#<status index>` (version 2); `indexKeys` tells
  // which index key a certificate turned out to be under, so a status change drops both kinds.
  const states = new Map<string, { row: Promise<StateRow | null>; until: number }>();
  /** Certificate id → the `#<status index>` key its version-2 entry is under (forget in O(1)). */
  const indexKeys = new Map<string, string>();

  /** A version-1 token names the certificate; a version-2 token its status index. */
  function stateOf(certificateId: string | null, statusIndex: number, now: number): Promise<StateRow | null> {
    const key = certificateId ?? `#${statusIndex}`;
    const hit = states.get(key);
    if (hit && hit.until > now) return hit.row;
    const row =
      certificateId === null
        ? readCertificateStateByIndex(deps.sql, statusIndex)
        : readCertificateState(deps.sql, certificateId);
    if (stateCacheMs === 0) return row;
    if (states.size >= STATE_CACHE_MAX) clear();
    const keepMs = cacheLifetime(deps.changes, stateCacheMs);
    const entry = { row, until: now + keepMs };
    states.set(key, entry);
    row.then(
      (found) => found && certificateId === null && indexKeys.set(found.id, key),
      () => states.get(key) === entry && states.delete(key),
    );
    return row;
  }

  function forget(certificateId: string): void {
    states.delete(certificateId);
    const indexKey = indexKeys.get(certificateId);
    if (indexKey !== undefined) {
      states.delete(indexKey);
      indexKeys.delete(certificateId);
    }
  }

  function clear(): void {
    states.clear();
    indexKeys.clear();
  }

  deps.changes.subscribe((change) => {
    if (change.kind === 'certificate') forget(change.certificateId);
    else if (change.kind === 'all') clear();
  });

  return { stateOf, forget };
}

type StateCache = ReturnType<typeof createStateCache>;

/**
 * Online verification: everything the offline verifier checks (format, key, algorithm,
 * signature, window ± skew, validity end), then the certificate as it is now — its status
 * and its presentation epoch, so a token signed before a revocation or suspension is
 * NOT_VALID afterwards even inside its window. Every verification that names a certificate
 * goes to the 用证记录 through the batching usage log (field names only).
 */
export function createTokenVerifier(
  deps: TokenVerifierDeps,
  keyring: Keyring,
  cache: StateCache = createStateCache(deps),
): TokenVerifier {
  const { prisma, config } = deps;
  const staffSession = requireStaff(prisma, deps.sessionTokens);
  const skewSeconds = config.presentation.clockSkewSeconds;
  const { stateOf, forget } = cache;

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

  /** The whole face, for the staff view only. */
  const fullFace = (id: string) => deps.faces.face(id);

  /**
   * `scope`: scopeOf(ctx) on the Koa path; 'anonymous' where no credential is sent
   * (http/fast-routes). No closures in here: the service runs under tsx, whose keepNames
   * wraps every function created per call — measurable on the hottest route.
   */
  async function verify(scope: VerifierScope, body: VerifyRequest): Promise<VerifyResult> {
    const now = Date.now();
    const checkedAt = new Date(now).toISOString();

    let bytes: Uint8Array;
    try {
      bytes = qrTextToToken(body.token);
    } catch (err) {
      if (err instanceof TokenFormatError) return unnamed('INVALID', verdictReasons.INVALID, scope, checkedAt);
      throw err;
    }
    let check = checkToken(bytes, {
      keys: await keyring.trusted(now),
      now,
      skewSeconds,
      verifySignature: keyring.verifySignature,
    });
    if (check.verdict === 'UNKNOWN_KEY' && !check.claims)
      check = checkToken(bytes, {
        keys: await keyring.trusted(now, true),
        now,
        skewSeconds,
        verifySignature: keyring.verifySignature,
      });
    // Unsigned or untrusted claims name no certificate we may look up or log.
    if (!check.claims || (check.claims.certificateId !== null && !isUuid(check.claims.certificateId)))
      return unnamed(check.verdict, check.reason, scope, checkedAt);
    const claims = check.claims;
    const tokenInfo = {
      kid: claims.kid,
      alg: claims.alg,
      notBefore: new Date(claims.notBefore * 1000).toISOString(),
      notAfter: new Date(claims.notAfter * 1000).toISOString(),
    };
    const row = await stateOf(claims.certificateId, claims.statusIndex, now);
    if (!row) return { ...unnamed('NOT_VALID', '未找到该证照', scope, checkedAt), token: tokenInfo };

    let verdict = check.verdict;
    let reason = check.reason;
    if (verdict === 'VALID') {
      const status = effectiveStatus(row);
      if (status.status !== 'VALID') {
        verdict = 'NOT_VALID';
        reason = `证照${certificateStatuses[status.status].label}`;
      } else if (
        (row.presentationEpoch & 0xffff) !== claims.epoch ||
        row.carrier !== 'ELECTRONIC' ||
        !row.activatedAt
      ) {
        verdict = 'NOT_VALID';
        reason = EPOCH_CHANGED;
      }
    }
    // An expired or future token shows no data (a screenshot replayed later learns nothing).
    const shows = verdict === 'VALID' || verdict === 'NOT_VALID';
    const face = shows
      ? await presentVerifiedFace(row, scope, fullFace, deps.storage, config.storage.urlTtlSeconds)
      : null;
    deps.usageLog.record({
      certificateId: row.id,
      channel: body.channel ?? 'QR_PORTAL',
      verifierRole: scope,
      result: verdict,
      fieldsShown: face?.fieldsShown ?? [],
    });
    return {
      verdict,
      reason,
      certificate: face?.certificate ?? null,
      fieldsShown: face?.fieldsShown ?? [],
      scope,
      checkedAt,
      token: tokenInfo,
    };
  }

  // The partner API's verifier shares this one's state cache (and its subscription).
  const withUsageLog = (usageLog: Pick<UsageLog, 'record'>) =>
    createTokenVerifier({ ...deps, usageLog }, keyring, cache);

  return { verify, scopeOf, forget, withUsageLog };
}
