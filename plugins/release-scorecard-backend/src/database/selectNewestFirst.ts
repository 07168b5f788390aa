import { Knex } from 'knex';
import { decodeTimeCursor, encodeCursor, PageRequest } from './pagination';
import { DbBigInt } from './rows';

/**
 * One page of an entity's records in `table`, newest first by `timeColumn`
 * with ties broken by primary key, and the cursor of the next page. The
 * indexes on (entity_ref, time, pk) serve it; one row more than the page is
 * read to learn whether another page follows.
 */
export async function selectNewestFirst<
  TRow extends { pk: DbBigInt } & Record<TTime, DbBigInt>,
  TTime extends string,
>(options: {
  db: Knex;
  table: string;
  timeColumn: TTime;
  entityRef: string;
  page: PageRequest;
  narrow?: (query: Knex.QueryBuilder) => void;
}): Promise<{ rows: TRow[]; nextCursor?: string }> {
  const { db, table, timeColumn, entityRef, page, narrow } = options;
  const cursor = decodeTimeCursor(page.cursor);
  const rows: TRow[] = await db(table)
    .where({ entity_ref: entityRef })
    .modify(query => {
      narrow?.(query);
      if (cursor) {
        query.where(inner =>
          inner
            .where(timeColumn, '<', cursor.after)
            .orWhere(sameTime =>
              sameTime
                .where(timeColumn, '=', cursor.after)
                .andWhere('pk', '<', cursor.pk),
            ),
        );
      }
    })
    .orderBy([
      { column: timeColumn, order: 'desc' },
      { column: 'pk', order: 'desc' },
    ])
    .limit(page.limit + 1);
  const last = rows[page.limit - 1];
  return {
    rows: rows.slice(0, page.limit),
    nextCursor:
      rows.length > page.limit
        ? encodeCursor({ after: Number(last[timeColumn]), pk: Number(last.pk) })
        : undefined,
  };
}
