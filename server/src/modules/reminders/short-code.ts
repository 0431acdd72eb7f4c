import { randomInt } from 'node:crypto';
import { SHORT_LINK_ALPHABET, SHORT_LINK_CODE_LENGTH } from '@roadcert/shared';

/** 8 characters drawn uniformly from base58 with a CSPRNG (≈ 46.9 bits): unguessable, no personal data. */
export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < SHORT_LINK_CODE_LENGTH; i += 1)
    code += SHORT_LINK_ALPHABET[randomInt(SHORT_LINK_ALPHABET.length)];
  return code;
}
