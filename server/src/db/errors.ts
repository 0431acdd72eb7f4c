import { Prisma } from '../generated/prisma/client';

/** What a database error means to a caller, without its driver's types leaking upwards. */
export type DatabaseErrorKind = 'unique-violation' | 'not-found';

/** Prisma's known request errors that map to a client-facing outcome; anything else is null. */
export function classifyDatabaseError(err: unknown): DatabaseErrorKind | null {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return null;
  if (err.code === 'P2002') return 'unique-violation';
  if (err.code === 'P2025') return 'not-found';
  return null;
}
