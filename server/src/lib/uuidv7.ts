import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562: 48-bit Unix milliseconds, version 7, variant 10, random rest),
 * like the database's own default, for rows whose id must be known before they are
 * written (a session's refresh token carries its session id; usage-log batches).
 * The random 74 bits come from randomUUID (a v4 already has variant 10), which draws on
 * Node's pooled CSPRNG: a tenth of the cost of randomBytes(16) per id on the verify path.
 */
export function uuidv7(nowMs = Date.now()): string {
  const ms = nowMs.toString(16).padStart(12, '0');
  // v4: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx → keep from the 3 digits after the version.
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
