import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionTokens } from './session-token';

describe('session tokens across a session-key rotation (SESSION_TOKEN_PREVIOUS_KEYS)', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const sessionId = '0190d8d2-0000-7000-8000-000000000001';
  const expires = new Date(Date.now() + 600_000);

  it('tokens issued under the previous key still verify, and the refresh hash matches what the session stored', () => {
    const before = createSessionTokens(k1);
    const access = before.issue(sessionId, expires);
    const refresh = before.issueRefresh(sessionId);

    const after = createSessionTokens(k2, [k1]);
    expect(after.verify(access)).toEqual({ ok: true, sessionId });
    expect(after.verifyRefresh(refresh.token)).toEqual({ ok: true, sessionId, hash: refresh.hash });
    // New tokens are issued under the new key only.
    const fresh = after.issue(sessionId, expires);
    expect(before.verify(fresh)).toEqual({ ok: false, reason: 'invalid' });
    expect(createSessionTokens(k2).verify(fresh)).toEqual({ ok: true, sessionId });
  });

  it('once the previous key is dropped its tokens are refused; a forgery is refused throughout', () => {
    const old = createSessionTokens(k1).issue(sessionId, expires);
    expect(createSessionTokens(k2).verify(old)).toEqual({ ok: false, reason: 'invalid' });
    expect(createSessionTokens(k2).verifyRefresh(createSessionTokens(k1).issueRefresh(sessionId).token)).toEqual({
      ok: false,
    });
    const forged = createSessionTokens(randomBytes(32)).issue(sessionId, expires);
    expect(createSessionTokens(k2, [k1]).verify(forged)).toEqual({ ok: false, reason: 'invalid' });
  });
});
