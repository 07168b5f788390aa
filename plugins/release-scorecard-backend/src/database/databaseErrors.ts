/*
 * What a database error means for the caller, for both engines in one
 * place: PostgreSQL's SQLSTATE codes, better-sqlite3's SQLite codes, and
 * Node's socket errors (and pg's messages) for a lost connection.
 */

/** Two transactions wanted the same rows or locks; running again can succeed. */
const TRANSIENT_CONFLICTS = [
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  'SQLITE_BUSY',
];

/** Another writer inserted the same unique key first. */
const DUPLICATE_KEYS = [
  '23505', // unique_violation
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
];

/** The database cannot be reached, or is restarting. */
const CONNECTION_FAILURES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08006', // connection_failure
  '08003', // connection_does_not_exist
  '08001', // unable to connect
];

const CONNECTION_FAILURE_MESSAGES = [
  'Timeout acquiring a connection', // knex: the pool has no free connection
  'Connection terminated', // pg
  'terminating connection', // PostgreSQL, as it shuts down
];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether a write transaction that failed with `error` should run again:
 * concurrent writers on PostgreSQL can collide on a unique key (two batches
 * creating the same record) or deadlock, and the next attempt sees the
 * other writer's row and merges with it.
 */
export function isRetryableConflict(error: unknown): boolean {
  const code = codeOf(error) ?? '';
  return TRANSIENT_CONFLICTS.includes(code) || DUPLICATE_KEYS.includes(code);
}

/**
 * Whether `error` means the database is unavailable for now: unreachable,
 * restarting, or still in conflict after the stores' own retries. A retry
 * by the caller can cure it, so the API answers 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = codeOf(error) ?? '';
  const message = String(
    (error as { message?: unknown } | null | undefined)?.message ?? '',
  );
  return (
    CONNECTION_FAILURES.includes(code) ||
    TRANSIENT_CONFLICTS.includes(code) ||
    CONNECTION_FAILURE_MESSAGES.some(text => message.includes(text))
  );
}
