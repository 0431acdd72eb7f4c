import { appConfig } from '../config';
import { errorFromResponse, networkError, type ApiError } from './api-error';
import { fileNameFrom } from './content-disposition';
import { parseUploadBody } from './upload-session';
import { clearStaffToken, readStaffToken } from './staff-session';

/**
 * Files in the staff workbench (H5 portal only: pkg-staff is never built into the
 * mini-program, so browser APIs are used directly): a CSV download with the staff token
 * (a plain link cannot carry the bearer header), a file upload with progress, and the file
 * chooser. A 401 ends the staff session exactly as `staffRequest` does.
 */

function failure(status: number, body: unknown): ApiError {
  if (status === 401) clearStaffToken();
  return errorFromResponse(status, body);
}

function authHeaders(): Record<string, string> {
  const token = readStaffToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** GETs a file with the staff session and hands it to the browser as a download. */
export async function downloadStaffFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(appConfig.apiBase + path, { headers: { Accept: 'text/csv, */*', ...authHeaders() } });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw failure(response.status, parseUploadBody(await response.text()));
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the blob goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * POSTs one file as multipart (`fileField`) with the staff session, reporting upload progress
 * (0..1). Resolves with the 2xx body; rejects with an ApiError.
 */
export function uploadStaffFile(
  path: string,
  fileField: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', appConfig.apiBase + path);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseUploadBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body);
      } else reject(failure(xhr.status, body));
    };
    xhr.onerror = () => reject(networkError(new Error('upload failed')));
    xhr.ontimeout = () => reject(networkError(new Error('upload timed out')));
    const form = new FormData();
    form.append(fileField, file, file.name);
    xhr.send(form);
  });
}

/** Opens the browser's file chooser for one file; null when cancelled. */
export function pickStaffFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.setAttribute('data-rc-staff-file', '');
    input.addEventListener('change', () => {
      const file = input.files?.[0] ?? null;
      input.remove();
      resolve(file);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}
