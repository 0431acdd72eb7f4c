import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** What a repo runs its statements on: the root client, or the client of an open transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;
/** The client of an open transaction (repos built on it take part in it). */
export type Tx = Prisma.TransactionClient;

export type TransactionOptions = { isolationLevel?: Prisma.TransactionIsolationLevel; timeout?: number };

/**
 * The data-access surface a use-case receives: repos on the root client for single
 * statements, and `transaction(fn)`, which hands `fn` the same repos bound to one open
 * transaction. Repos are built once per client by the composition root's `bind`; a module
 * declares the repos it needs (`UnitOfWork<{ applications: ApplicationsRepo }>`) and the
 * container's wider unit of work satisfies it.
 */
export type UnitOfWork<R> = {
  repos: R;
  transaction: <T>(fn: (repos: R) => Promise<T>, options?: TransactionOptions) => Promise<T>;
};

export function createUnitOfWork<R>(prisma: PrismaClient, bind: (db: Db) => R): UnitOfWork<R> {
  const repos = bind(prisma);
  return {
    repos,
    transaction: (fn, options) => prisma.$transaction((tx) => fn(bind(tx)), options),
  };
}
