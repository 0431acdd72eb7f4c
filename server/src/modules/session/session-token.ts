import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Access tokens: `<sessionId>.<expiresAtUnix>.<HMAC-SHA-256 base64url>`, keyed with the
 * service's session key. The MAC binds the token to this server's key; the session row
 * (checked on every request) makes it revocable.
 */
export function createSessionTokens(key: Buffer) {
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  function issue(sessionId: string, expiresAt: Date): string {
    const payload = `${sessionId}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return `${payload}.${mac(payload)}`;
  }

  /** Returns the session id, or why the token is not acceptable. */
  function verify(token: string, now = new Date()): { ok: true; sessionId: string } | { ok: false; reason: 'invalid' | 'expired' } {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'invalid' };
    const [sessionId, exp, given] = parts as [string, string, string];
    const expected = Buffer.from(mac(`${sessionId}.${exp}`));
    const actual = Buffer.from(given);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'invalid' };
    if (Number(exp) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, sessionId };
  }

  return { issue, verify };
}

export type SessionTokens = ReturnType<typeof createSessionTokens>;
