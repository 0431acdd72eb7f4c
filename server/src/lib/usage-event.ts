import type { VerificationChannel } from '@roadcert/shared';

/**
 * The 用证记录 writer as the modules that check certificates see it (lookup, presentation,
 * shares, partners): an interface here, below them all; the batching implementation is the
 * usage module's createUsageLog, which the composition root builds once.
 */

/**
 * One check of a certificate for the holder's 用证记录: who (role, partner, share), how
 * (channel), the outcome and the names of the fields shown — never their values.
 */
export type UsageEvent = {
  certificateId: string;
  channel: VerificationChannel;
  /** anonymous, inspector, staff, partner:<KIND>, share-recipient */
  verifierRole: string;
  partnerId?: string | null;
  shareId?: string | null;
  /** VALID, NOT_VALID, TOKEN_EXPIRED …, OPENED (shares), see verificationResults in shared. */
  result: string;
  fieldsShown: readonly string[];
  /** When it happened; defaults to the moment record() is called. */
  at?: Date;
};

export type UsageLog = {
  /** Queues the event; never throws, never waits for the database. */
  record(event: UsageEvent): void;
  /** Writes everything queued so far (resolves when it is written or reported lost). */
  flush(): Promise<void>;
  /** Flushes and stops the timer; call on shutdown before the database closes. */
  close(): Promise<void>;
};
