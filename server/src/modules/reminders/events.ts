import { reminderTargetPath } from '@roadcert/shared';
import type { Db } from '../../db/unit-of-work';
import { singleSource } from './due-sources';
import { createEnqueueRepo, prismaRunner, type EnqueueSettings } from './enqueue.repo';

/** A review decision the holder hears about (APPLICATION_STATUS). */
export type ApplicationDecision = {
  applicationId: string;
  holderId: string;
  typeCode: string;
  state: 'RETURNED' | 'ISSUED' | 'REJECTED';
  /** ISSUED: the new certificate (its activation page); otherwise the base certificate, if any. */
  certificateId: string | null;
  /** RETURNED / REJECTED: the reviewer's reason, shown in the in-app message (never in the SMS). */
  reason?: string;
  decidedAt: Date;
};

/**
 * Reminders enqueued by an event, on the caller's transaction (`db`): the reminder exists if and
 * only if the decision committed. One call from the applications module.
 */
export function createReminderEvents(settings: EnqueueSettings) {
  return {
    async applicationDecided(db: Db, d: ApplicationDecision) {
      const target =
        d.state === 'ISSUED' && d.certificateId
          ? reminderTargetPath('activation', { certificateId: d.certificateId })
          : reminderTargetPath('application', { applicationId: d.applicationId });
      await createEnqueueRepo(prismaRunner(db), settings).enqueue(
        singleSource,
        [
          d.holderId,
          d.certificateId,
          d.applicationId,
          'APPLICATION_STATUS',
          d.state,
          `APPLICATION_STATUS:${d.applicationId}:${d.state}:${d.decidedAt.getTime()}`,
          JSON.stringify({ typeCode: d.typeCode, ...(d.reason ? { reason: d.reason.slice(0, 200) } : {}) }),
          target,
        ],
        d.decidedAt,
      );
    },
  };
}

export type ReminderEvents = ReturnType<typeof createReminderEvents>;
