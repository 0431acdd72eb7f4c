import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 86_400;

/**
 * Tokens bound to the service's session key (HMAC-SHA-256) and to a Session row.
 *
 * Access token: `<sessionId>.<expiresAtUnix>.<mac>` — short-lived; every request also
 * loads the session row (revocation, idle timeout), so a self-describing JWT would buy
 * nothing here, while a fixed two-field MAC has no algorithm choice or header to get
 * wrong and needs no library.
 *
 * Refresh token: `<sessionId>.<32 random bytes>.<mac>` under a key derived for refresh
 * tokens; the session keeps only its keyed hash. The MAC lets the server tell a refresh
 * token it once issued for a session — a rotated one presented again, which revokes the
 * session — from a forgery, which is simply refused, without remembering old tokens.
 *
 * Key rotation (docs/retention.md): `previousKeys` still verify tokens issued before the
 * rotation (access tokens for their 15 minutes, refresh tokens and their stored hashes for the
 * sessions' 30 days), while every new token is issued under `key`. After 30 days the previous
 * keys can go.
 */
export function createSessionTokens(key: Buffer, previousKeys: readonly Buffer[] = []) {
  const keyed = (k: Buffer) => {
    const derive = (label: string) => createHmac('sha256', k).update(label).digest();
    return {
      access: k,
      refreshMac: derive('roadcert/refresh-token/mac/v1'),
      refreshHash: derive('roadcert/refresh-token/hash/v1'),
    };
  };
  const current = keyed(key);
  const all = [current, ...previousKeys.map(keyed)];
  const refreshMacKey = current.refreshMac;
  const refreshHashKey = current.refreshHash;
  const mac = (k: Buffer, payload: string) => createHmac('sha256', k).update(payload).digest('base64url');
  const sameText = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };

  function issue(sessionId: string, expiresAt: Date): string {
    const payload = `${sessionId}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return `${payload}.${mac(key, payload)}`;
  }

  /** Returns the session id, or why the access token is not acceptable. */
  function verify(
    token: string,
    now = new Date(),
  ): { ok: true; sessionId: string } | { ok: false; reason: 'invalid' | 'expired' } {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'invalid' };
    const [sessionId, exp, given] = parts as [string, string, string];
    if (!all.some((k) => sameText(given, mac(k.access, `${sessionId}.${exp}`))))
      return { ok: false, reason: 'invalid' };
    if (Number(exp) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, sessionId };
  }

  /** The keyed hash a session stores for its current refresh token. */
  const hashRefresh = (token: string) => createHmac('sha256', refreshHashKey).update(token).digest('hex');

  function issueRefresh(sessionId: string): { token: string; hash: string } {
    const payload = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    const token = `${payload}.${mac(refreshMacKey, payload)}`;
    return { token, hash: hashRefresh(token) };
  }

  /** A refresh token this server issued (current or already rotated), or not ours. */
  function verifyRefresh(token: string): { ok: true; sessionId: string; hash: string } | { ok: false } {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false };
    const [sessionId, nonce, given] = parts as [string, string, string];
    // The key whose MAC matches issued it; the session stored the hash under the same key.
    const issuer = all.find((k) => sameText(given, mac(k.refreshMac, `${sessionId}.${nonce}`)));
    if (!issuer) return { ok: false };
    return { ok: true, sessionId, hash: createHmac('sha256', issuer.refreshHash).update(token).digest('hex') };
  }

  return { issue, verify, issueRefresh, verifyRefresh, hashRefresh, sameHash: sameText };
}

export type SessionTokens = ReturnType<typeof createSessionTokens>;
