import type { Sql } from '../db/database';

/**
 * The global clean-up of signed presentation anchors (token version 2). Fetching a
 * certificate's batch prunes that certificate's old anchors; certificates nobody opens again
 * keep theirs until this job. Deletes go in batches (ctid, the table has a composite key) so a
 * first run over millions of rows never holds one huge transaction.
 */
export function createAnchorCleanupRepo(sql: Sql, batch = 5_000) {
  return {
    /** Anchors of intervals that started before `cutoff`, batch after batch; the rows removed. */
    async deleteStartedBefore(cutoff: Date): Promise<number> {
      let total = 0;
      for (;;) {
        const { rowCount } = await sql.query(
          `DELETE FROM "PresentationAnchor" WHERE ctid IN (
             SELECT ctid FROM "PresentationAnchor" WHERE "intervalStart" < $1 LIMIT $2)`,
          [cutoff, batch],
        );
        total += rowCount ?? 0;
        if ((rowCount ?? 0) < batch) return total;
      }
    },
  };
}

export type AnchorCleanupRepo = ReturnType<typeof createAnchorCleanupRepo>;
