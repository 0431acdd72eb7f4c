import { z } from 'zod';
import { accountProfileSchema, consentGrantSchema, consentKindList, realNameBindSchema } from '@roadcert/shared';
import type { createRouteTable } from '../../../http/route';
import { createAccountData, type IdentityDeps } from '../account.module';
import { buildAccountProfile } from '../auth/account-profile';
import { bindRealName } from './bind-real-name';
import { auditActor, currentAccountId } from './caller';
import { grantConsent, withdrawConsent } from './consents';

/** The signed-in account: its profile, PIPL consents and real-name binding. */
export function identityRoutes({ route }: ReturnType<typeof createRouteTable>, deps: IdentityDeps) {
  const { data, audit } = createAccountData(deps);
  const bindDeps = { data, audit, fieldCrypto: deps.fieldCrypto };
  const profileOf = (accountId: string) => buildAccountProfile(data.repos, accountId, deps.config.face.windowMinutes);

  route({
    method: 'get',
    path: '/api/v1/me',
    summary: 'The signed-in account (AccountProfile)',
    tags: ['identity'],
    access: 'account',
    response: accountProfileSchema,
    handler: async (ctx) => profileOf(currentAccountId(ctx.state)),
  });

  route({
    method: 'post',
    path: '/api/v1/me/consents',
    summary: 'Give a PIPL consent to the current version of its text',
    tags: ['identity'],
    access: 'account',
    body: consentGrantSchema,
    response: accountProfileSchema,
    handler: async (ctx, { body }) => {
      const accountId = currentAccountId(ctx.state);
      const { created } = await grantConsent(data.repos.consents, accountId, body.kind, body.textVersion);
      if (created)
        await audit.record({
          ...auditActor(ctx.state),
          action: 'consent.grant',
          subjectType: 'account',
          subjectId: accountId,
          outcome: 'OK',
          detail: { kind: body.kind, textVersion: body.textVersion },
        });
      return profileOf(accountId);
    },
  });

  route({
    method: 'delete',
    path: '/api/v1/me/consents/:kind',
    summary: 'Withdraw a consent (stops new processing that needs it)',
    tags: ['identity'],
    access: 'account',
    params: z.object({ kind: z.enum(consentKindList) }),
    response: accountProfileSchema,
    handler: async (ctx, { params }) => {
      const accountId = currentAccountId(ctx.state);
      const withdrawn = await withdrawConsent(data.repos.consents, accountId, params.kind);
      if (withdrawn > 0)
        await audit.record({
          ...auditActor(ctx.state),
          action: 'consent.withdraw',
          subjectType: 'account',
          subjectId: accountId,
          outcome: 'OK',
          detail: { kind: params.kind },
        });
      return profileOf(accountId);
    },
  });

  route({
    method: 'post',
    path: '/api/v1/me/real-name',
    summary: 'Bind the account to its holder record by name + citizen ID (real-name binding)',
    tags: ['identity'],
    access: 'account',
    body: realNameBindSchema,
    response: accountProfileSchema,
    handler: async (ctx, { body }) => {
      const accountId = currentAccountId(ctx.state);
      await bindRealName(bindDeps, accountId, body, auditActor(ctx.state));
      return profileOf(accountId);
    },
  });
}
