import {
  sessionsRevokedSchema,
  staffChallengeSchema,
  staffLoginSchema,
  staffProfileSchema,
  staffTokenSchema,
  staffVerifySchema,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { createRouteTable } from '../../http/route';
import { currentStaff } from '../account';
import { createStaffModule, type StaffDeps } from './staff.module';
import { createStaffSignIn } from './staff-sign-in';

/** Authority staff (运管) sign-in: password, then TOTP; then the staff session. */
export function staffRoutes({ route }: ReturnType<typeof createRouteTable>, deps: StaffDeps) {
  const signIn = createStaffSignIn(createStaffModule(deps));

  route({
    method: 'post',
    path: '/api/v1/staff/auth/login',
    summary: 'Staff step 1: username + password → a second-factor challenge (5 failures lock 15 min)',
    tags: ['staff'],
    access: 'public',
    body: staffLoginSchema,
    response: staffChallengeSchema,
    handler: async (ctx, { body }) => signIn.login(body, ctx.state.requestId),
  });

  route({
    method: 'post',
    path: '/api/v1/staff/auth/verify',
    summary: 'Staff step 2: TOTP code → staff session (30 min idle, 8 h absolute)',
    tags: ['staff'],
    access: 'public',
    body: staffVerifySchema,
    response: staffTokenSchema,
    handler: async (ctx, { body }) => signIn.verify(body, ctx.state.requestId),
  });

  route({
    method: 'get',
    path: '/api/v1/staff/me',
    summary: 'The signed-in staff member: roles and region',
    tags: ['staff'],
    access: 'staff',
    response: staffProfileSchema,
    handler: async (ctx) => {
      const profile = await signIn.profile(currentStaff(ctx.state).staffUserId);
      if (!profile) throw new AppError('TOKEN_INVALID');
      return profile;
    },
  });

  route({
    method: 'post',
    path: '/api/v1/staff/auth/logout',
    summary: 'Staff sign-out',
    tags: ['staff'],
    access: 'staff',
    response: sessionsRevokedSchema,
    handler: async (ctx) => ({ revoked: await signIn.signOut(currentStaff(ctx.state).sessionId) }),
  });
}
