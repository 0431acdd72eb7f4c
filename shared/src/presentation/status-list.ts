import { certificateStatuses, type CertificateStatus } from '../domain/codes';
import { statusListValues, type StatusList } from '../schemas/presentation';
import { encodeUtf8 } from './utf8';

/**
 * The status list (W3C Bitstring Status List style, 2 bits per entry): every certificate
 * gets a random, unused index; the list carries only those 2-bit values, never an id, and
 * is at least 131,072 entries long so a holder hides in the herd. The wire form is gzip
 * then base64url (statusListSchema); inflating is the client's job (server: node:zlib,
 * portal: DecompressionStream('gzip'), mini-program: a pure-JS gunzip) — these helpers work
 * on the inflated bitstring.
 */
export const STATUS_LIST_MIN_SIZE = 131_072;
export const STATUS_LIST_BITS = 2;

export type StatusListValue = (typeof statusListValues)[keyof typeof statusListValues];

export function statusListValueOf(status: CertificateStatus): StatusListValue {
  if (status === 'VALID') return statusListValues.VALID;
  if (status === 'SUSPENDED') return statusListValues.SUSPENDED;
  if (status === 'REVOKED' || status === 'CANCELLED' || status === 'ANNULLED') return statusListValues.REVOKED;
  return statusListValues.OTHER_NOT_VALID;
}

/** What an offline verifier says for a list value (null: valid). */
export function statusListReason(value: number): string | null {
  if (value === statusListValues.VALID) return null;
  if (value === statusListValues.REVOKED) return `证照${certificateStatuses.REVOKED.label}或已注销`;
  if (value === statusListValues.SUSPENDED) return `证照${certificateStatuses.SUSPENDED.label}`;
  return '证照已失效（已过期或已换发）';
}

export function createStatusBits(size: number): Uint8Array {
  if (size % 4 !== 0) throw new Error('status list size must be a multiple of 4');
  return new Uint8Array((size * STATUS_LIST_BITS) / 8);
}

/** Entry i occupies bits 2i..2i+1 of the list, most significant bit first. */
export function getStatusBits(bits: Uint8Array, index: number): number {
  const byte = bits[index >> 2]; // undefined beyond either end (index >> 2 < 0 for a negative index)
  if (byte === undefined) throw new RangeError('status index outside the list');
  return (byte >> (6 - 2 * (index & 3))) & 3;
}

export function setStatusBits(bits: Uint8Array, index: number, value: number): void {
  if (index < 0 || index >> 2 >= bits.length) throw new RangeError('status index outside the list');
  const shift = 6 - 2 * (index & 3);
  bits[index >> 2] = (bits[index >> 2]! & ~(3 << shift)) | ((value & 3) << shift);
}

/** The exact bytes the list's signature covers: one line per field, in this order. */
export function statusListSigningInput(list: Omit<StatusList, 'signature'>): Uint8Array {
  return encodeUtf8(
    [
      'roadcert-status-list/1',
      list.issuedAt,
      String(list.ttlSeconds),
      String(list.size),
      String(list.bitsPerEntry),
      list.kid,
      list.alg,
      list.encodedList,
    ].join('\n'),
  );
}
