/**
 * The camera QR scanner. Per platform: scan.weapp.ts (Taro.scanCode), scan.h5.ts (none: the
 * portal asks for the code to be pasted or typed instead).
 */

/** True where `scanQrCode` opens a camera. */
export declare const canScanQrCode: boolean;

/** The text of the scanned QR, or null when the person closed the scanner. Rejects when the camera failed. */
export declare function scanQrCode(): Promise<string | null>;
