import { Knex } from 'knex';
import { chunk } from './chunk';
import { EvaluationQueueStore } from './EvaluationQueueStore';
import { DbBigInt, EvaluationQueueRow } from './rows';

/** Rows per INSERT. */
const WRITE_CHUNK = 200;

export class DatabaseEvaluationQueueStore implements EvaluationQueueStore {
  constructor(private readonly db: Knex) {}

  async enqueueEvaluation(entityRefs: string[], now: number): Promise<void> {
    // Sorted: concurrent requests then insert (and lock) the same rows in the
    // same order, so that two of them cannot deadlock on PostgreSQL.
    const refs = [...new Set(entityRefs)].sort();
    for (const refChunk of chunk(refs, WRITE_CHUNK)) {
      await this.db('evaluation_queue')
        .insert(
          refChunk.map(
            (entity_ref): EvaluationQueueRow => ({
              entity_ref,
              requested_at: now,
            }),
          ),
        )
        .onConflict('entity_ref')
        .ignore();
    }
  }

  async oldestQueuedEvaluation(): Promise<number | undefined> {
    const [row]: Array<{ oldest: DbBigInt | null }> = await this.db(
      'evaluation_queue',
    ).min({ oldest: 'requested_at' });
    return row?.oldest === null || row?.oldest === undefined
      ? undefined
      : Number(row.oldest);
  }

  async takeQueuedEvaluations(limit: number): Promise<string[]> {
    return this.db.transaction(async tx => {
      const refs: string[] = await tx('evaluation_queue')
        .orderBy('requested_at')
        .limit(limit)
        .pluck('entity_ref');
      if (refs.length > 0) {
        await tx('evaluation_queue').whereIn('entity_ref', refs).delete();
      }
      return refs;
    });
  }
}
