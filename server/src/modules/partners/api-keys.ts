import { createHash, randomBytes } from 'node:crypto';

/** Every partner API key starts with this, so leaked keys are easy to recognise and scan for. */
export const API_KEY_PREFIX = 'rk_';
/** Shape of a key as it arrives in `Authorization: Bearer …`. */
export const apiKeyPattern = /^rk_[A-Za-z0-9_-]{20,100}$/;

/**
 * API keys carry 192 random bits, so a plain SHA-256 is a safe stored form (no salt or
 * slow hash needed: nothing to brute-force). The key itself is shown once and never stored;
 * `prefix` (rk_ + 8 characters) is kept so people can tell their keys apart.
 */
export function generateApiKey() {
  const key = API_KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 11) };
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');
