import { z } from 'zod';
import { verificationChannelList } from './verification';

/**
 * 用证记录 (usage log): every verification, lookup and share opening of the caller's
 * certificates, with the names (never the values) of the fields shown. Server:
 * server/src/modules/usage; docs/verification.md.
 */

export const usageQuerySchema = z.object({
  /** One reachable certificate; left out: every certificate the caller may see (holder's own and operators'). */
  certificateId: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type UsageQuery = z.input<typeof usageQuerySchema>;

export const usageItemSchema = z.object({
  id: z.string(),
  /** Which certificate was used (the list of all certificates mixes them). */
  certificateId: z.string(),
  at: z.string(),
  channel: z.enum(verificationChannelList),
  channelLabel: z.string(),
  /** anonymous, inspector, staff, partner:<KIND>, share-recipient … */
  verifierRole: z.string(),
  /** Who, for people: 匿名扫码者, 执法人员, the partner's name, the share's recipient. */
  verifierLabel: z.string(),
  partnerName: z.string().nullable(),
  shareId: z.string().nullable(),
  result: z.string(),
  resultLabel: z.string(),
  /** Field names only (see faceFieldLabels), never values. */
  fieldsShown: z.array(z.string()),
  fieldsShownLabels: z.array(z.string()),
});
export type UsageItem = z.infer<typeof usageItemSchema>;

export const usagePageSchema = z.object({
  items: z.array(usageItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type UsagePage = z.infer<typeof usagePageSchema>;
