import { Knex } from 'knex';
import { isRetryableConflict } from './databaseErrors';

const MAX_ATTEMPTS = 6;

/**
 * Runs `work` in one transaction, and again (up to six times, after a short
 * random pause) when it fails on a conflict with a concurrent writer.
 * `work` must be safe to repeat: it reads what it merges with inside.
 */
export async function retryingTransaction<T>(
  db: Knex,
  work: (tx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) {
        throw error;
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.random() * 20 * attempt),
      );
    }
  }
}
