import { FlagLifetimesDays } from '../flags/staleness';

const DAY_MS = 86_400_000;

/**
 * SQL for "this flag row is stale" at `now`, matching applyStaleness in
 * ../flags/staleness.ts: marked stale by its provider, or temporary and
 * older than the lifetime of its type.
 */
export function staleFlagPredicate(
  now: number,
  lifetimes: FlagLifetimesDays,
  alias = 'flags',
): { sql: string; bindings: Array<string | number> } {
  const clauses = [`${alias}.stale`];
  const bindings: Array<string | number> = [];
  for (const [type, days] of Object.entries(lifetimes)) {
    if (days > 0) {
      clauses.push(
        `(${alias}.temporary AND ${alias}.type = ? AND ${alias}.created_at IS NOT NULL AND ${alias}.created_at < ?)`,
      );
      bindings.push(type, now - days * DAY_MS);
    }
  }
  return { sql: clauses.join(' OR '), bindings };
}
