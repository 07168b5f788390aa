import { Knex } from 'knex';
import { chunk } from './chunk';

/** Records per SELECT: three parameters each, well below SQLite's limit. */
const KEY_CHUNK = 200;

/**
 * The stored rows of `records` (each identified by entity, source and id),
 * locked for the merge that follows in the same transaction: row locks
 * (SELECT … FOR UPDATE) serialise concurrent merges of the same record on
 * PostgreSQL; knex leaves them out on SQLite, whose writers are serialised
 * anyway.
 */
export async function lockStoredRecords<TRow>(
  tx: Knex.Transaction,
  table: 'deployments' | 'incidents',
  records: ReadonlyArray<{ entityRef: string; source: string; id: string }>,
): Promise<TRow[]> {
  const rows: TRow[] = [];
  for (const keyChunk of chunk(
    records.map(r => [r.entityRef, r.source, r.id]),
    KEY_CHUNK,
  )) {
    rows.push(
      ...(await tx(table)
        .whereIn(['entity_ref', 'source', 'external_id'], keyChunk)
        .orderBy('pk')
        .forUpdate()),
    );
  }
  return rows;
}
