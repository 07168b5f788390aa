import { Knex } from 'knex';

/**
 * Narrows `query` to rows whose `column` is one of `values`, binding the
 * whole list as ONE parameter however long it is. A list the caller sizes,
 * such as the entity refs a user may see in a large catalog, can exceed the
 * parameters a statement may have (SQLite 32,766, PostgreSQL 65,535), and
 * splitting it into chunks would break counting and paging across them.
 *
 * - PostgreSQL: `column = ANY(?::text[])`, the list as an array; a b-tree
 *   index on the column serves it as an index condition.
 * - SQLite: `column IN (SELECT value FROM json_each(?))`, the list as JSON.
 */
export function whereInList(
  query: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
): void {
  switch (query.client.dialect) {
    case 'postgresql':
      query.whereRaw('?? = ANY(?::text[])', [column, [...values]]);
      return;
    case 'sqlite3':
      query.whereRaw('?? IN (SELECT value FROM json_each(?))', [
        column,
        JSON.stringify(values),
      ]);
      return;
    default:
      // The plugin supports PostgreSQL and SQLite; elsewhere a parameter
      // list still serves lists of ordinary length.
      query.whereIn(column, [...values]);
  }
}
