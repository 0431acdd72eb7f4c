import type { DeviceInput } from './device-types';

/** The platform and a readable label for the device list (我的设备). Per platform: device.h5.ts, device.weapp.ts. */
export declare function currentDevice(): DeviceInput;
