/**
 * `@roadcert/shared/presentation`: the presentation token codec, its signature suites
 * (SM2/SM3 by default, Ed25519), the QR text and the status-list helpers. A subpath of
 * its own so the mini-program's main package, which imports `@roadcert/shared`, carries
 * no crypto. Format: docs/presentation-token.md.
 */
export { sm3 } from './sm3';
export { createSm2, sm2, SM2_CURVE, SM2_DEFAULT_USER_ID, type Sm2 } from './sm2';
export {
  sm2Sm3Suite,
  ed25519Suite,
  signatureSuites,
  suiteByAlg,
  suiteById,
  kidOf,
  type SignatureSuite,
} from './suites';
export {
  encodeToken,
  encodeTokenBody,
  decodeToken,
  verifyTokenSignature,
  fitTokenText,
  TokenFormatError,
  TOKEN_VERSION,
  TOKEN_FIXED_BYTES,
  TOKEN_MAX_BYTES,
  TOKEN_MAX_TEXT_BYTES,
  TOKEN_SIGNATURE_BYTES,
  type TokenClaims,
  type PresentedClaims,
  type DecodedToken,
  type TokenFormatReason,
} from './token';
export {
  encodeAnchorBody,
  anchorSigningInput,
  signAnchor,
  decodeTokenV2,
  TOKEN_V2_MAX_BYTES,
  TOKEN_V2_MAX_TEXT_BYTES,
  MAX_CHAIN_LINKS,
  type AnchorClaims,
} from './token-v2';
export {
  TOKEN_V2,
  CHAIN_VALUE_BYTES,
  chainContext,
  chainStep,
  hashDown,
  anchorSchedule,
  deriveTokenV2,
  heldTokenAt,
  chainQrText,
  heldQrAt,
  type AnchorSchedule,
  type HeldInterval,
  type HeldQr,
} from './chain';
export { bytesToDigits, digitsToBytes } from './digits';
export { tokenToQrText, qrTextToToken, tokenQrSegments, VERIFY_PATH_PREFIX } from './qr-text';
export { base64urlEncode, base64urlDecode } from './base64url';
export {
  STATUS_LIST_MIN_SIZE,
  STATUS_LIST_BITS,
  createStatusBits,
  getStatusBits,
  setStatusBits,
  statusListSigningInput,
  statusListValueOf,
  statusListReason,
  type StatusListValue,
} from './status-list';
export {
  checkToken,
  chinaDate,
  verdictReasons,
  trustedKeysFromList,
  verifyStatusListSignature,
  type TrustedKey,
  type VerifyOptions,
  type TokenCheck,
} from './verify';
