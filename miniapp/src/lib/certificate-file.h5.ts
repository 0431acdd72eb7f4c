import { appConfig } from '../config';
import { networkError } from './api-error';
import type * as Contract from './certificate-file';
import { parseUploadBody } from './upload-session';

export const canOpenOfd: typeof Contract.canOpenOfd = true;

/** A plain link: the browser shows the PDF, or saves the OFD for an OFD reader. */
export const openCertificateFile: typeof Contract.openCertificateFile = async (url, _format, fileName) => {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.target = '_blank';
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
};

export const pickCertificateFile: typeof Contract.pickCertificateFile = () =>
  new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.ofd,.pdf,application/pdf,application/ofd';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      void file.arrayBuffer().then((bytes) => resolve({ name: file.name, bytes }));
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });

export const postFileBytes: typeof Contract.postFileBytes = async (path, bytes) => {
  try {
    const response = await fetch(appConfig.apiBase + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
    });
    return { status: response.status, body: parseUploadBody(await response.text()) };
  } catch (cause) {
    throw networkError(cause);
  }
};
