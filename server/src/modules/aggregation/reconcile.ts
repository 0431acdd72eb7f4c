import type { MinistryClient, ReconciliationGroup } from '../../adapters/ministry';
import type { Logger } from '../../lib/logger';
import type { AggregationRepo } from './aggregation.repo';
import { nationalTypeCode } from './record';

export type ReconciliationResult = {
  id: string;
  state: 'MATCHED' | 'REQUEUED' | 'FAILED';
  groups: number;
  mismatched: number;
  requeued: number;
};

/** Certificates in scope that never entered the outbox, queued per run at most (the rest next run). */
const BACKFILL_PER_RUN = 50_000;
/** Differing groups kept in the result's detail. */
const DETAIL_GROUPS = 200;

/**
 * Reconciliation (对账): compares, per type and 颁证日期, what the receiver holds (count and digest of
 * `<id>:<latest version>`) with what it acknowledged to us; in a group that differs, the
 * certificates whose held version is not the one we were acknowledged are queued again (a new
 * version, event RECONCILE). Certificates in scope that never entered the outbox are queued too.
 * The result is kept (AggregationReconciliation) whatever happens.
 */
export async function reconcile(deps: {
  repo: AggregationRepo;
  client: MinistryClient;
  logger: Logger;
}): Promise<ReconciliationResult> {
  const { repo, client, logger } = deps;
  const id = await repo.startReconciliation();
  try {
    let requeued = await repo.requeue(await repo.neverQueued(BACKFILL_PER_RUN));
    const theirs = new Map<string, ReconciliationGroup>();
    for (const g of await client.reconciliation()) theirs.set(`${g.typeCode}|${g.day}`, g);
    const ours = new Map<string, { count: number; digest: string; shortCodes: string[] }>();
    for (const g of await repo.ourGroups()) {
      const key = `${nationalTypeCode(g.typeCode)}|${g.day}`;
      const seen = ours.get(key);
      // Two stored spellings of one type in one day cannot share a digest: compare item by item.
      ours.set(
        key,
        seen
          ? { count: seen.count + g.count, digest: 'mixed', shortCodes: [...seen.shortCodes, g.typeCode] }
          : { count: g.count, digest: g.digest, shortCodes: [g.typeCode] },
      );
    }
    const detail: { typeCode: string; day: string; ours: number; theirs: number }[] = [];
    const keys = new Set([...theirs.keys(), ...ours.keys()]);
    let mismatched = 0;
    for (const key of keys) {
      const [typeCode, day] = key.split('|') as [string, string];
      const our = ours.get(key);
      const their = theirs.get(key);
      if (our && their && our.count === their.count && our.digest === their.digest) continue;
      mismatched++;
      if (detail.length < DETAIL_GROUPS)
        detail.push({ typeCode, day, ours: our?.count ?? 0, theirs: their?.count ?? 0 });
      if (!our) continue; // held there, nothing acknowledged here: the pending entries settle it
      const held = new Map(
        (their ? await client.reconciliationItems(typeCode, day) : []).map((i) => [i.certificateId, i.version]),
      );
      const differ = (await repo.ourItems(our.shortCodes, day))
        // A newer version held there than acknowledged here is an acknowledgement still on its way.
        .filter((i) => (held.get(i.certificateId) ?? 0) < i.version)
        .map((i) => i.certificateId);
      requeued += await repo.requeue(differ);
    }
    const state = requeued > 0 ? 'REQUEUED' : 'MATCHED';
    await repo.finishReconciliation(id, { state, groups: keys.size, mismatched, requeued, detail });
    if (mismatched > 0)
      logger.warn({ reconciliationId: id, mismatched, requeued }, 'aggregation reconciliation found differences');
    return { id, state, groups: keys.size, mismatched, requeued };
  } catch (err) {
    await repo.finishReconciliation(id, {
      state: 'FAILED',
      groups: 0,
      mismatched: 0,
      requeued: 0,
      detail: [],
      error: (err as Error).message,
    });
    throw err;
  }
}
