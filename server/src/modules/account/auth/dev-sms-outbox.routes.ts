import { z } from 'zod';
import { consoleSmsListSchema, maskPhone, phoneSchema } from '@roadcert/shared';
import type { createRouteTable } from '../../../http/route';
import { listConsoleSms } from '../../../adapters/sms/console-sms';
import type { DevSmsOutboxDeps } from '../account.module';

/**
 * LOCAL STAND-IN ONLY: the messages the console SMS provider kept instead of sending,
 * so a local user can read their sign-in code. Exists only with SMS_PROVIDER=console
 * (which production configuration refuses); otherwise the route does not exist (404).
 */
export function devSmsOutboxRoutes({ route }: ReturnType<typeof createRouteTable>, deps: DevSmsOutboxDeps) {
  if (deps.config.sms.provider !== 'console') return;
  route({
    method: 'get',
    path: '/api/v1/dev/sms-outbox',
    summary: 'STAND-IN: SMS messages the console provider kept for a number (SMS_PROVIDER=console only)',
    tags: ['dev'],
    access: 'public',
    query: z.object({ phone: phoneSchema }),
    response: consoleSmsListSchema,
    handler: async (_ctx, { query }) => {
      const items = await listConsoleSms(deps, query.phone);
      return {
        standIn: true as const,
        items: items.map((m) => ({
          phoneMasked: maskPhone(query.phone),
          text: m.text,
          createdAt: m.createdAt.toISOString(),
        })),
      };
    },
  });
}
