import type { Db } from '../../db/unit-of-work';

/** The readiness probe's one statement: does the database answer at all. */
export function createHealthRepo(db: Db) {
  return {
    ping: async () => {
      await db.$queryRaw`SELECT 1`;
    },
  };
}

export type HealthRepo = ReturnType<typeof createHealthRepo>;
