import type * as Contract from './scan';

export const canScanQrCode: typeof Contract.canScanQrCode = false;

export const scanQrCode: typeof Contract.scanQrCode = () => Promise.resolve(null);
