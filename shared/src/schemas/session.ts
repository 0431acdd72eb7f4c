import { z } from 'zod';
import { holderKindList } from '../domain/codes';
import { holderProfileSchema } from './certificate';

/**
 * DEMO sign-in (stand-in until the identity issue lands): pick one of the seeded
 * demo holders. Disabled in production configuration.
 */
export const demoHolderSchema = z.object({
  key: z.string(),
  kind: z.enum(holderKindList),
  nameMasked: z.string(),
  description: z.string(),
});
export type DemoHolder = z.infer<typeof demoHolderSchema>;
export const demoHolderListSchema = z.object({ items: z.array(demoHolderSchema) });

export const demoSessionRequestSchema = z.object({ key: z.string().min(1).max(64) });
export type DemoSessionRequest = z.infer<typeof demoSessionRequestSchema>;

export const sessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string().describe('ISO 8601 timestamp'),
  holder: holderProfileSchema,
});
export type Session = z.infer<typeof sessionSchema>;
