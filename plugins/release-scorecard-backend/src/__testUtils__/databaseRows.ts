import { Knex } from 'knex';

/** The plugin's tables, read from the database itself so that a new table is never missed. */
export async function listTables(knex: Knex): Promise<string[]> {
  if (knex.client.config.client === 'pg') {
    const rows = await knex('information_schema.tables')
      .where({ table_schema: knex.raw('current_schema()') })
      .andWhere({ table_type: 'BASE TABLE' })
      .select('table_name');
    return rows.map(row => String(row.table_name)).sort();
  }
  const rows = await knex('sqlite_master')
    .where({ type: 'table' })
    .andWhereNot('name', 'like', 'sqlite_%')
    .select('name');
  return rows.map(row => String(row.name)).sort();
}

/** Row count of every table, e.g. to show that a refused request stored nothing. */
export async function countRowsPerTable(
  knex: Knex,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTables(knex)) {
    const [{ count }] = await knex(table).count({ count: '*' });
    counts[table] = Number(count);
  }
  return counts;
}

/** The tables ingestion writes (evaluation results change on their own, later). */
export const EVIDENCE_TABLES = [
  'deployments',
  'deployment_commits',
  'pipeline_runs',
  'incidents',
  'flags',
  'flag_snapshots',
  'unknown_entity_refs',
  'unmatched_webhook_events',
];

/**
 * Everything ingestion has stored, row by row, in a stable order: equal
 * before and after a request only if the request wrote nothing.
 */
export async function dumpEvidence(
  knex: Knex,
): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of EVIDENCE_TABLES) {
    const rows = await knex(table).select('*');
    dump[table] = rows.map(row => JSON.stringify(row)).sort();
  }
  return dump;
}

/**
 * Empties the plugin's tables (not the migration bookkeeping), so that one
 * database can serve many tests: creating and dropping a PostgreSQL database
 * per test costs seconds each on a loaded machine.
 */
export async function emptyPluginTables(knex: Knex): Promise<void> {
  const tables = (await listTables(knex)).filter(
    table => !/knex_migrations/.test(table) && !table.startsWith('backstage_'),
  );
  for (const table of tables) {
    await knex(table).delete();
  }
}
