/**
 * The device side of a real (non-stand-in) face verification, per platform:
 * face-verify.weapp.ts (WeChat 人脸核身) and face-verify.h5.ts (none in a browser).
 */
export interface PlatformFaceVerification {
  /** Whether this platform can run the provider's face check at all. */
  available: boolean;
  /** Runs the check for this person and returns the provider's verifyResult for the server. */
  run(identity: { name: string; idNumber: string }): Promise<string>;
}

export declare const platformFaceVerification: PlatformFaceVerification;
