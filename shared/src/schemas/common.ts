import { z } from 'zod';
import { errorCodeList } from '../errors';
import { photoVerdictSchema } from './photo';

/** Body of every error response. */
export const errorBodySchema = z.object({
  code: z.enum(errorCodeList as [string, ...string[]]).describe('Stable error code'),
  message: z.string().describe('Message for people, in Chinese'),
  requestId: z.string().optional(),
  /** Field-level problems, keyed by dotted path. */
  fields: z.record(z.string(), z.string()).optional(),
  /** PHOTO_REJECTED only: every quality check with its measured value (`fields` names the failed ones). */
  verdict: photoVerdictSchema.optional(),
  /** Rate limits and lockouts (429, 423, 503 PHOTO_BUSY): seconds to wait, the same as the `Retry-After` header. */
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** ISO 8601 date (YYYY-MM-DD). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');

/**
 * A list whose items may each appear once (ids chosen by the caller): a repeated id is a
 * client bug or a probe, and every copy would be looked up, checked and stored again.
 * The message names the first repeat's position (`path` = its index).
 */
export const distinctList = <T extends z.ZodType<string | number>>(item: T, message = '列表中有重复项') =>
  z.array(item).superRefine((items, ctx) => {
    const seen = new Set<unknown>();
    for (const [index, value] of items.entries()) {
      if (seen.has(value)) return ctx.addIssue({ code: 'custom', message, path: [index], input: value });
      seen.add(value);
    }
  });
