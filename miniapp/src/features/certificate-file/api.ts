import {
  certificateFilesResponseSchema,
  certificateFileVerificationSchema,
  type CertificateFilesResponse,
  type CertificateFileVerification,
} from '@roadcert/shared';
import { errorFromResponse } from '../../lib/api-error';
import { postFileBytes } from '../../lib/certificate-file';
import { getJson } from '../../lib/request';

/** The certificate file's short-lived download links (the server makes the file if needed). */
export function fetchCertificateFiles(certificateId: string): Promise<CertificateFilesResponse> {
  return getJson(`/api/v1/certificates/${encodeURIComponent(certificateId)}/files`, certificateFilesResponseSchema);
}

/** Sends an OFD or PDF to be checked; the verdict, or the server's error (too large, wrong type …). */
export async function verifyCertificateFile(bytes: ArrayBuffer): Promise<CertificateFileVerification> {
  const { status, body } = await postFileBytes('/api/v1/verify/certificate-file', bytes);
  if (status !== 200) throw errorFromResponse(status, body);
  return certificateFileVerificationSchema.parse(body);
}
