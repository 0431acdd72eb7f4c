import type { ReminderKind } from '@roadcert/shared';
import type { QuietHours } from './quiet-hours';

export type SenderSettings = {
  publicBaseUrl: string;
  quietHours: QuietHours;
  smsDailyCap: number;
  subscribeTemplates: Partial<Record<ReminderKind, string>>;
  miniprogramState: 'developer' | 'trial' | 'formal';
  /** Claimed rows per round and rounds per run. */
  batchSize?: number;
  maxRounds?: number;
  /** How long after a timeout the provider's record is trusted to be there (not found → resend). */
  uncertainGraceMs?: number;
};

export type SendSummary = {
  sent: number;
  deferred: number;
  suppressed: number;
  retried: number;
  dead: number;
  uncertain: number;
  resolvedSent: number;
  resolvedResend: number;
  /** Queued reminders cancelled at send time (a renewal of the certificate under way). */
  cancelled: number;
  /** WeChat notices that could not be delivered, handed to SMS instead. */
  fallback: number;
};
