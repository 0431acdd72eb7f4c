import { complianceScopeStatuses, openCompletionTaskStates } from '@roadcert/shared';

/**
 * The shared lists (shared/src/schemas/compliance.ts) as SQL literals for the plain-SQL repos:
 * constants from code, never from input.
 */
const literalList = (values: readonly string[]) => `(${values.map((v) => `'${v}'`).join(', ')})`;

/** `('OPEN', 'SUBMITTED', 'REJECTED')`: the task states that are a certificate's current failures. */
export const OPEN_TASK_STATES_SQL = literalList(openCompletionTaskStates);
/** `('VALID', 'SUSPENDED', 'EXPIRED')`: the certificates the rates count. */
export const SCOPE_STATUSES_SQL = literalList(complianceScopeStatuses);
