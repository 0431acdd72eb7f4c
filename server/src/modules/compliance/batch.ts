import { chinaToday, type IsoDate } from '@roadcert/shared';
import { AppError } from '../../errors';
import type { Logger } from '../../lib/logger';
import type { CheckedCertificate, Checker } from './checker';
import type { SubjectRow } from './subjects.repo';
import type { RunsRepo } from './compliance.repo';

/**
 * The batch check over the whole stock (全量校验): every certificate in id order, a page at a
 * time (keyset pagination, the next page read while this one is checked), tasks kept in step,
 * and the counts by area × type × carrier and area × rule stored on the run as the day's
 * snapshot (docs/compliance.md, "Batch runs"). One run at a time across processes.
 */

export type RunSummary = {
  version: 1;
  /** [areaCode, typeCode, carrier, total, compliant] for certificates in scope. */
  cells: [string, string, string, number, number][];
  /** [areaCode, ruleId, certificates failing]. */
  rules: [string, string, number][];
  /** Certificates read per second over the run (in scope or not). */
  perSecond: number;
  read: number;
};

const PAGE = 5_000;
/** Pages checked at once: while one waits for PostgreSQL the other runs the rules (5,000 × 2 measured fastest on 2 CPUs). */
const WORKERS = 2;

export function summarise(checked: Iterable<CheckedCertificate>, into = new Accumulator()) {
  for (const c of checked) into.add(c);
  return into;
}

/** Counts by area × type × carrier and area × rule, in maps keyed by joined strings (cheap at a million). */
export class Accumulator {
  readonly cells = new Map<string, [number, number]>();
  readonly rules = new Map<string, number>();
  total = 0;
  compliant = 0;
  read = 0;

  add(c: CheckedCertificate) {
    this.read++;
    if (!c.inScope) return;
    this.total++;
    if (c.compliant) this.compliant++;
    const key = `${c.areaCode}|${c.typeCode}|${c.carrier}`;
    const cell = this.cells.get(key);
    if (cell) {
      cell[0]++;
      if (c.compliant) cell[1]++;
    } else this.cells.set(key, [1, c.compliant ? 1 : 0]);
    for (const rule of c.failingRules) {
      const k = `${c.areaCode}|${rule}`;
      this.rules.set(k, (this.rules.get(k) ?? 0) + 1);
    }
  }

  summary(seconds: number): RunSummary {
    return {
      version: 1,
      cells: [...this.cells].map(([k, [total, compliant]]) => {
        const [area, type, carrier] = k.split('|') as [string, string, string];
        return [area, type, carrier, total, compliant];
      }),
      rules: [...this.rules].map(([k, n]) => {
        const [area, rule] = k.split('|') as [string, string];
        return [area, rule, n];
      }),
      perSecond: seconds > 0 ? Math.round(this.read / seconds) : this.read,
      read: this.read,
    };
  }
}

export function createBatch(deps: { checker: Checker; runs: RunsRepo; logger: Logger }) {
  const { checker, runs, logger } = deps;

  /**
   * Checks every certificate; returns the counts. A reader fetches pages one after another
   * (keyset: each starts after the last id of the one before) while WORKERS pages are checked
   * and written concurrently, so PostgreSQL reads and writes while Node runs the rules
   * (docs/compliance.md, "Measured"). `onPage` lets a benchmark watch progress.
   */
  async function checkAll(today: IsoDate, onPage?: (read: number) => void) {
    const acc = new Accumulator();
    let next: Promise<SubjectRow[]> | null = checker.readPage(null, PAGE);
    const take = async (): Promise<SubjectRow[] | null> => {
      if (next === null) return null;
      const rows = await next;
      next = rows.length < PAGE ? null : checker.readPage(rows.at(-1)!.id, PAGE);
      return rows.length === 0 ? null : rows;
    };
    // One queue: each worker awaits the reader in turn, so pages are taken in order and never twice.
    let turn = Promise.resolve();
    const nextPage = () => {
      const page = turn.then(take);
      turn = page.then(() => undefined);
      return page;
    };
    const worker = async () => {
      for (let rows = await nextPage(); rows !== null; rows = await nextPage()) {
        summarise(await checker.checkRows(rows, today), acc);
        onPage?.(acc.read);
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    return acc;
  }

  /** Runs a started run to its end: DONE with the summary, or FAILED with the error (never thrown). */
  async function execute(runId: string, today: IsoDate) {
    const started = performance.now();
    try {
      const acc = await checkAll(today);
      const seconds = (performance.now() - started) / 1000;
      const summary = acc.summary(seconds);
      await runs.finishRun(runId, { total: acc.total, compliant: acc.compliant, summary });
      logger.info(
        { runId, total: acc.total, compliant: acc.compliant, perSecond: summary.perSecond },
        'compliance batch run finished',
      );
      return summary;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await runs.failRun(runId, message.slice(0, 500)).catch(() => undefined);
      logger.error({ runId, err: message }, 'compliance batch run failed');
      return null;
    }
  }

  return {
    checkAll,
    execute,
    /**
     * Starts a run unless one is running (409 CONFLICT): the check-and-insert holds a
     * transaction-level advisory lock, so two processes cannot both start one.
     */
    async start(startedBy: string | null, today: IsoDate = chinaToday()) {
      const run = await runs.startRun(startedBy, today);
      if (!run) throw new AppError('CONFLICT', { message: '已有全量校验正在进行，请稍后查看结果' });
      return run;
    },
  };
}

export type Batch = ReturnType<typeof createBatch>;
