import { z } from 'zod';
import {
  faceVerificationCompleteSchema,
  faceVerificationResultSchema,
  faceVerificationStartedSchema,
} from '@roadcert/shared';
import type { createRouteTable } from '../../../http/route';
import { createAccountData, type FaceVerificationDeps } from '../account.module';
import { auditActor, currentAccountId } from '../identity/caller';
import { createFaceVerificationService } from './face-verification.service';

/**
 * Face verification: start an attempt (bound holder + FACE_DATA consent), then complete
 * it with what the provider's client-side step returned; the provider confirms the
 * outcome server-side. A pass allows activation for FACE_VERIFICATION_WINDOW_MINUTES.
 */
export function faceVerificationRoutes({ route }: ReturnType<typeof createRouteTable>, deps: FaceVerificationDeps) {
  const faces = createFaceVerificationService({ ...deps, ...createAccountData(deps) });

  route({
    method: 'post',
    path: '/api/v1/me/face-verifications',
    summary: 'Start a face verification (WeChat 人脸核身, or the labelled local stand-in)',
    tags: ['identity'],
    access: 'holder',
    response: faceVerificationStartedSchema,
    status: 201,
    handler: async (ctx) => {
      const started = await faces.start(currentAccountId(ctx.state), auditActor(ctx.state));
      if (started.standIn)
        ctx.state.log.warn(
          { faceVerificationId: started.verificationId },
          'face verification started on the LOCAL STAND-IN provider (not a real face check)',
        );
      return started;
    },
  });

  route({
    method: 'post',
    path: '/api/v1/me/face-verifications/:id/complete',
    summary: 'Complete a face verification; the provider confirms the outcome server-side',
    tags: ['identity'],
    access: 'holder',
    params: z.object({ id: z.string().max(100) }),
    body: faceVerificationCompleteSchema,
    response: faceVerificationResultSchema,
    handler: async (ctx, { params, body }) =>
      faces.complete(currentAccountId(ctx.state), params.id, body, auditActor(ctx.state)),
  });
}
