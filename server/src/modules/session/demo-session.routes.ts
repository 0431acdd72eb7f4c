import { randomBytes, createHash } from 'node:crypto';

import { demoHolderListSchema, demoSessionRequestSchema, sessionSchema, maskHolderName } from '@roadcert/shared';
import { demoHolders } from '../../../../prisma/seed/demo-holders';
import { AppError, assertThat } from '../../errors';
import type { AppDeps } from '../../app';
import type { createRouteTable } from '../../http/route';

const DEMO_SESSION_HOURS = 12;

/**
 * DEMO sign-in — a labelled stand-in until real identity (WeChat / SMS / real-name)
 * lands. It signs in as one of the seeded demo holders, exists only when DEMO_LOGIN is
 * on (embedded default; refused in production configuration), and every session it
 * creates is marked demo, which the UI shows as a banner.
 */
export function demoSessionRoutes({ route }: ReturnType<typeof createRouteTable>, deps: AppDeps) {
  const requireDemo = () => assertThat(deps.config.demoLogin, 'DEMO_LOGIN_DISABLED');

  route({
    method: 'get',
    path: '/api/v1/demo/holders',
    summary: 'DEMO: list the seeded demo holders one can sign in as',
    tags: ['demo'],
    access: 'public',
    response: demoHolderListSchema,
    handler: async () => {
      requireDemo();
      return { items: demoHolders.map(({ key, kind, name, description }) => ({ key, kind, nameMasked: maskHolderName(kind, name), description })) };
    },
  });

  route({
    method: 'post',
    path: '/api/v1/demo/session',
    summary: 'DEMO: sign in as a seeded demo holder (stand-in for real identity)',
    tags: ['demo'],
    access: 'public',
    body: demoSessionRequestSchema,
    response: sessionSchema,
    status: 201,
    handler: async (_ctx, { body }) => {
      requireDemo();
      const demo = demoHolders.find((h) => h.key === body.key);
      if (!demo) throw new AppError('NOT_FOUND', { fields: { key: '没有这个演示账号' } });
      const holder = await deps.prisma.holder.findFirst({
        where: demo.kind === 'PERSON' ? { idNumberHash: deps.fieldCrypto.blindIndex(demo.identityCode, 'id-number') } : { creditCode: demo.identityCode },
        select: { id: true, kind: true, name: true },
      });
      if (!holder) throw new AppError('NOT_FOUND', { message: '演示数据尚未生成' });
      const expiresAt = new Date(Date.now() + DEMO_SESSION_HOURS * 3600_000);
      const refresh = randomBytes(32).toString('base64url');
      const session = await deps.prisma.session.create({
        data: { demoHolderId: holder.id, refreshTokenHash: createHash('sha256').update(refresh).digest('hex'), platform: 'demo', expiresAt },
      });
      return {
        token: deps.sessionTokens.issue(session.id, expiresAt),
        expiresAt: expiresAt.toISOString(),
        holder: { id: holder.id, kind: holder.kind, nameMasked: maskHolderName(holder.kind, holder.name), demo: true },
      };
    },
  });
}

