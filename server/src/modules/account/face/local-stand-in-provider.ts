import { AppError } from '../../../errors';
import type { Logger } from '../../../lib/logger';
import type { FaceVerificationProvider } from './face-verification-provider';

/**
 * LOCAL STAND-IN — not a face check. The embedded default has no face verification
 * service, so the client says `standInOutcome: 'pass' | 'fail'` and this provider
 * believes it. Every response says `standIn: true`, every use logs a warning, and the
 * production configuration refuses FACE_PROVIDER=local.
 */
export function createLocalStandInFaceProvider(logger: Logger): FaceVerificationProvider {
  return {
    name: 'local-stand-in',
    standIn: true,
    async confirm({ attempt }, input) {
      if (!input.standInOutcome) {
        throw new AppError('VALIDATION_FAILED', { fields: { standInOutcome: '本地替身核验需要选择 pass 或 fail' } });
      }
      logger.warn(
        { faceVerificationId: attempt.id, outcome: input.standInOutcome },
        'face verification by the LOCAL STAND-IN provider — not a real face check (embedded mode only)',
      );
      return input.standInOutcome === 'pass'
        ? { passed: true, providerRef: null }
        : { passed: false, providerRef: null, reason: 'stand_in_fail' };
    },
  };
}
