import { Knex } from 'knex';
import { chunk } from './chunk';
import { RetentionResult, RetentionStore } from './RetentionStore';
import { retryingTransaction } from './retryingTransaction';

/** Rows per DELETE round, to keep locks short. */
const RETENTION_CHUNK = 2000;
/** Primary keys per DELETE statement within a round. */
const DELETE_CHUNK = 500;

export class DatabaseRetentionStore implements RetentionStore {
  constructor(private readonly db: Knex) {}

  async deleteRecordsOlderThan(cutoff: number): Promise<RetentionResult> {
    const deployments = await this.deleteInRounds(
      'deployments',
      'started_at',
      cutoff,
      async (tx, pks) => {
        await tx('deployment_commits').whereIn('deployment_pk', pks).delete();
      },
    );
    const pipelineRuns = await this.deleteInRounds(
      'pipeline_runs',
      'started_at',
      cutoff,
    );
    const incidents = await this.deleteInRounds(
      'incidents',
      'opened_at',
      cutoff,
    );
    await this.db('unmatched_webhook_events')
      .where('last_seen_at', '<', cutoff)
      .delete();
    await this.db('unknown_entity_refs')
      .where('last_seen_at', '<', cutoff)
      .delete();
    return { deployments, pipelineRuns, incidents };
  }

  private async deleteInRounds(
    table: 'deployments' | 'pipeline_runs' | 'incidents',
    timeColumn: 'started_at' | 'opened_at',
    cutoff: number,
    deleteChildren?: (tx: Knex.Transaction, pks: number[]) => Promise<void>,
  ): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows: Array<{ pk: number | string }> = await this.db(table)
        .where(timeColumn, '<', cutoff)
        .orderBy(timeColumn)
        .limit(RETENTION_CHUNK)
        .select('pk');
      const pks = rows.map(row => Number(row.pk));
      if (pks.length === 0) {
        return deleted;
      }
      await retryingTransaction(this.db, async tx => {
        for (const pkChunk of chunk(pks, DELETE_CHUNK)) {
          await deleteChildren?.(tx, pkChunk);
          await tx(table).whereIn('pk', pkChunk).delete();
        }
      });
      deleted += pks.length;
    }
  }
}
