import {
  applicationKindList,
  certificateTypeCodes,
  type ApplicationKind,
  type CertificateTypeCode,
} from '@roadcert/shared';

/** A type code from a query string, or null when it is not one of the nine. */
export function typeCodeParam(value: string | undefined): CertificateTypeCode | null {
  const code = value?.trim().toUpperCase();
  return (certificateTypeCodes as readonly string[]).includes(code ?? '') ? (code as CertificateTypeCode) : null;
}

/** An application kind from a query string, or null. */
export function kindParam(value: string | undefined): ApplicationKind | null {
  const kind = value?.trim().toUpperCase();
  return (applicationKindList as readonly string[]).includes(kind ?? '') ? (kind as ApplicationKind) : null;
}
