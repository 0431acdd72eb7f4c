import { Prisma } from '../generated/prisma/client';

/** What a database error means to a caller, without its driver's types leaking upwards. */
export type DatabaseErrorKind = 'unique-violation' | 'not-found' | 'unavailable';

/**
 * Prisma's known request errors that map to a client-facing outcome, and any error that
 * says the database cannot be reached right now; anything else is null.
 */
export function classifyDatabaseError(err: unknown): DatabaseErrorKind | null {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === 'P2002') return 'unique-violation';
    if (err.code === 'P2025') return 'not-found';
  }
  return isDatabaseUnavailable(err) ? 'unavailable' : null;
}

/**
 * Prisma codes for "no connection": P1001 can't reach the server, P1002 timed out reaching it,
 * P1017 the server closed the connection, P2024 timed out waiting for a pool connection,
 * P2028 the transaction's connection went away under it ("Transaction already closed: A
 * rollback cannot be executed on a committed transaction", seen when PostgreSQL restarted
 * under load, bench/load-restart.ts) — all worth a retry, none a bug of the request.
 */
const prismaUnavailableCodes = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'P2028']);
/**
 * Socket errors (ENOENT: PGlite's Unix socket is gone) and SQLSTATEs of a lost or refused
 * session: 57P01 admin shutdown / terminated, 57P02 crash shutdown, 57P03 starting up or
 * shutting down, 53300 too many connections. Class 08 (connection exception) is matched below.
 */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'ENOENT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
/** What @prisma/adapter-pg turns socket errors and SQLSTATE 53300 into (DriverAdapterError.cause.kind). */
const unavailableAdapterKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** node-postgres throws plain Errors (no code) when a socket ends or a connect times out. */
const unavailableMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * True when `err` (or anything it wraps) says the database is unreachable, not that the
 * statement was wrong. The shapes, found by terminating a pool's backends and refusing new
 * ones (db/errors.test.ts keeps them): pg's own errors (`code` ECONNREFUSED / a SQLSTATE,
 * `severity` FATAL for anything that ends the session, e.g. 55000 "database is not currently
 * accepting connections"); Prisma model queries rethrow the adapter's DriverAdapterError
 * whose `cause` holds `originalCode`/`kind`; raw queries wrap it as P2010 with
 * `meta.driverAdapterError`; an unreachable host comes as P1001.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 4 || err === null || typeof err !== 'object') return false;
  if (err instanceof Prisma.PrismaClientInitializationError) return true;
  const e = err as {
    code?: unknown;
    originalCode?: unknown;
    kind?: unknown;
    severity?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (err instanceof Prisma.PrismaClientKnownRequestError && prismaUnavailableCodes.has(err.code)) return true;
  for (const code of [e.code, e.originalCode]) {
    if (typeof code !== 'string') continue;
    if (unavailableCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  // A FATAL or PANIC report from the server ends the session, whatever its SQLSTATE.
  if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
  if (typeof e.kind === 'string' && unavailableAdapterKinds.has(e.kind)) return true;
  if (typeof e.message === 'string' && unavailableMessages.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}
