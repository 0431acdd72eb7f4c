import { normaliseCode } from './normalise';
import { fail, ok, type ValidationFailure, type ValidationResult } from './result';
import { validateSocialCreditCode } from './social-credit-code';

/**
 * 电子证照标识 (GB/T 36904), domain.md §5:
 * `1.2.156.3005.2.{typeCode}.{issuerCode}.{serial}.{version}.{check}` where the
 * check character is ISO/IEC 7064 MOD 37,36 over typeCode + issuerCode +
 * serial + version (no OID prefix, no dots).
 */

/** OID arc of Chinese e-certificates, including the trailing dot. */
export const CERTIFICATE_IDENTIFIER_PREFIX = '1.2.156.3005.2.';
const MOD_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Type code: defining authority's credit code (18) + 3-digit sequence. */
const TYPE_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/;
const ISSUER_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/** The standard leaves the serial to the issuer; we accept 1–32 of 0-9A-Z. */
const SERIAL = /^[0-9A-Z]{1,32}$/;
const VERSION = /^\d{3}$/;

/** The parts of an identifier, without the OID prefix. */
export interface CertificateIdentifierParts {
  /** 21-character certificate type code, e.g. 11100000000019713D071. */
  typeCode: string;
  /** Issuing authority's unified social credit code. */
  issuerCode: string;
  serial: string;
  /** Three digits, e.g. "001". */
  version: string;
}

/** A parsed identifier: its parts plus the check character. */
export interface ParsedCertificateIdentifier extends CertificateIdentifierParts {
  checkChar: string;
  /** The canonical identifier string. */
  identifier: string;
}

export type CertificateIdentifierReason =
  | 'EMPTY'
  | 'INVALID_PREFIX'
  | 'INVALID_STRUCTURE'
  | 'INVALID_TYPE_CODE'
  | 'INVALID_ISSUER_CODE'
  | 'INVALID_SERIAL'
  | 'INVALID_VERSION'
  | 'CHECK_CHAR_MISMATCH';

/**
 * ISO/IEC 7064 MOD 37,36 check character over 0-9A-Z (hybrid system, M = 36).
 * Throws on characters outside the alphabet.
 */
export function mod3736(input: string): string {
  if (!/^[0-9A-Z]*$/.test(input)) throw new RangeError('mod3736 expects characters 0-9A-Z');
  let p = 36;
  for (const c of input) {
    p = (p + MOD_ALPHABET.indexOf(c)) % 36 || 36;
    p = (p * 2) % 37;
  }
  return MOD_ALPHABET.charAt((37 - p) % 36);
}

/**
 * Builds a full identifier. `version` may be a number (1 → "001"). Throws a
 * RangeError on malformed parts: building from bad parts is a programming
 * error, unlike parsing input.
 */
export function buildCertificateIdentifier(
  parts: Omit<CertificateIdentifierParts, 'version'> & { version: string | number },
): string {
  const version = String(parts.version).padStart(3, '0');
  const problem = partsProblem({ ...parts, version });
  if (problem !== undefined) throw new RangeError(`buildCertificateIdentifier: ${problem.reason}`);
  const body = [parts.typeCode, parts.issuerCode, parts.serial, version];
  return `${CERTIFICATE_IDENTIFIER_PREFIX}${body.join('.')}.${mod3736(body.join(''))}`;
}

/**
 * Parses and checks an identifier. Credit codes inside it that fail GB 32100
 * only produce warnings: the MOD 37,36 check already guards the identifier's
 * integrity, and the codes are assigned by other authorities.
 */
export function parseCertificateIdentifier(
  input: string,
): ValidationResult<ParsedCertificateIdentifier, CertificateIdentifierReason> {
  const identifier = normaliseCode(input);
  if (identifier === '') return fail('EMPTY', '请输入电子证照标识');
  if (!identifier.startsWith(CERTIFICATE_IDENTIFIER_PREFIX)) {
    return fail('INVALID_PREFIX', `电子证照标识应以“${CERTIFICATE_IDENTIFIER_PREFIX}”开头`);
  }
  const segments = identifier.slice(CERTIFICATE_IDENTIFIER_PREFIX.length).split('.');
  if (segments.length !== 5) {
    return fail('INVALID_STRUCTURE', '电子证照标识应由证照类型代码、颁发机构代码、流水号、版本号和校验位五段组成');
  }
  const [typeCode, issuerCode, serial, version, checkChar] = segments as [string, string, string, string, string];
  const parts = { typeCode, issuerCode, serial, version };
  const problem = partsProblem(parts);
  if (problem !== undefined) return problem;
  if (mod3736(typeCode + issuerCode + serial + version) !== checkChar) {
    return fail('CHECK_CHAR_MISMATCH', '电子证照标识校验位不正确，证照标识可能有误');
  }
  return ok({ ...parts, checkChar, identifier }, creditCodeWarnings(parts));
}

function partsProblem(parts: CertificateIdentifierParts): ValidationFailure<CertificateIdentifierReason> | undefined {
  if (!TYPE_CODE.test(parts.typeCode))
    return fail('INVALID_TYPE_CODE', '证照类型代码应为21位：18位统一社会信用代码加3位顺序号');
  if (!ISSUER_CODE.test(parts.issuerCode)) return fail('INVALID_ISSUER_CODE', '颁发机构代码应为18位统一社会信用代码');
  if (!SERIAL.test(parts.serial)) return fail('INVALID_SERIAL', '流水号应为1至32位数字或大写字母');
  if (!VERSION.test(parts.version)) return fail('INVALID_VERSION', '版本号应为3位数字');
  return undefined;
}

// Stryker disable StringLiteral: message text (the warnings' words; which warnings appear stays mutated)
function creditCodeWarnings(parts: CertificateIdentifierParts): string[] {
  const codes = [
    { code: parts.typeCode.slice(0, 18), label: '证照类型代码中的定义机构代码' },
    { code: parts.issuerCode, label: '颁发机构代码' },
  ];
  return codes.flatMap(({ code, label }) => {
    const result = validateSocialCreditCode(code);
    if (!result.ok) return [`${label}未通过统一社会信用代码校验`];
    return [...(result.warnings ?? [])];
  });
}
// Stryker restore StringLiteral
