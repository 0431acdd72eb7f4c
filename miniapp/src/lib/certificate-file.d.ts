/**
 * 证照文件 on each platform: opening a downloaded certificate file, and choosing a file to
 * verify and sending its bytes. Per platform: certificate-file.weapp.ts (Taro.downloadFile +
 * openDocument; a file from a chat), certificate-file.h5.ts (a link; the file input).
 */

/** Whether this platform can hand an OFD to something that opens it (the mini-program previews PDF only). */
export declare const canOpenOfd: boolean;

/** Opens (weapp: previews, H5: a new tab / download) the file behind a short-lived link. */
export declare function openCertificateFile(url: string, format: 'ofd' | 'pdf', fileName: string): Promise<void>;

/** Lets the person choose an OFD or PDF file; null when they cancel. */
export declare function pickCertificateFile(): Promise<{ name: string; bytes: ArrayBuffer } | null>;

/** POSTs the file's bytes to a public API path; the parsed JSON body and the status. */
export declare function postFileBytes(path: string, bytes: ArrayBuffer): Promise<{ status: number; body: unknown }>;
