import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { certificateStatusList, certificateStatuses, type CertificateStatus } from '../domain/codes';
import type { PresentationAlg } from '../schemas/presentation';

/** Field codecs both token versions share (docs/presentation-token.md). */
export const NO_END = 0xffff;
const DAY_MS = 86_400_000;

export type TokenFormatReason =
  | 'EMPTY'
  | 'NOT_DIGITS'
  | 'TRUNCATED'
  | 'TRAILING_BYTES'
  | 'UNKNOWN_VERSION'
  | 'UNKNOWN_ALG'
  | 'BAD_TYPE_CODE'
  | 'BAD_STATUS'
  | 'BAD_WINDOW'
  | 'BAD_TEXT'
  | 'TOO_LONG';

/** Why bytes are not a token (or claims cannot become one). `reason` is stable; tests switch on it. */
export class TokenFormatError extends Error {
  constructor(
    readonly reason: TokenFormatReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'TokenFormatError';
  }
}

export const statusByCode = new Map(certificateStatusList.map((s) => [Number(certificateStatuses[s].code), s]));

export function uuidToBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TokenFormatError('BAD_TEXT', 'certificate id is not a UUID');
  return hexToBytes(hex);
}

export function bytesToUuid(b: Uint8Array): string {
  const h = bytesToHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function typeCodeToNumber(code: string): number {
  if (!/^[A-Z]\d{3}$/.test(code)) throw new TokenFormatError('BAD_TYPE_CODE', code);
  return (code.charCodeAt(0) - 64) * 1000 + Number(code.slice(1));
}

export function numberToTypeCode(n: number): string | null {
  const letter = Math.floor(n / 1000);
  if (letter < 1 || letter > 26) return null;
  return String.fromCharCode(64 + letter) + String(n % 1000).padStart(3, '0');
}

export function dayNumber(date: string | null): number {
  if (date === null) return NO_END;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms)) throw new TokenFormatError('BAD_TEXT', 'validUntil');
  const days = ms / DAY_MS;
  if (days < 0 || days >= NO_END) throw new TokenFormatError('BAD_TEXT', 'validUntil out of range');
  return days;
}

export const dayToDate = (days: number) =>
  days === NO_END ? null : new Date(days * DAY_MS).toISOString().slice(0, 10);

export interface TokenClaims {
  alg: PresentationAlg;
  /** 8 hex digits (suites.kidOf). */
  kid: string;
  certificateId: string;
  /** Type-code suffix, a letter and three digits, e.g. D071. */
  typeCode: string;
  status: CertificateStatus;
  /** Certificate's presentationEpoch when signed (0..65535). */
  epoch: number;
  /** Position in the status list (0..16,777,215). */
  statusIndex: number;
  /** Unix seconds. */
  notBefore: number;
  notAfter: number;
  /** YYYY-MM-DD or null (长期). */
  validUntil: string | null;
  holderNameMasked: string;
  numberMasked: string;
}

/** Claims as a verifier reads them: a version-2 token names its status index, not the certificate id. */
export type PresentedClaims = Omit<TokenClaims, 'certificateId'> & { certificateId: string | null };

export interface DecodedToken {
  version: number;
  claims: PresentedClaims;
  /** The bytes the signature covers (version 2: the anchor body ‖ the chain tip recomputed from the token). */
  signedBytes: Uint8Array;
  signature: Uint8Array;
  /** Version 2: the interval the anchor covers and the token's minute in it (unix seconds). */
  interval?: { start: number; end: number; minute: number; links: number };
}
