import { createHash, randomBytes } from 'node:crypto';

/** 192 random bits, URL-safe: the secret in `/s/<secret>`. Only its SHA-256 is stored. */
export const newShareSecret = () => randomBytes(24).toString('base64url');
export const hashShareSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** The shape of a secret; anything else is a 404 without asking the database. */
export const shareSecretPattern = /^[A-Za-z0-9_-]{32}$/;
