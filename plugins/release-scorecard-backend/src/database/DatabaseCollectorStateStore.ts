import { Knex } from 'knex';
import { EvidenceCollectorState } from '@internal/plugin-release-scorecard-node';
import { CollectorStateStore } from './CollectorStateStore';
import { CollectorStateRow } from './rows';

/** Collector state in the `collector_state` table. */
export class DatabaseCollectorStateStore implements CollectorStateStore {
  constructor(private readonly db: Knex) {}

  forCollector(collectorId: string): EvidenceCollectorState {
    return {
      get: async key => {
        const row: Pick<CollectorStateRow, 'value'> | undefined = await this.db(
          'collector_state',
        )
          .where({ collector_id: collectorId, key })
          .first('value');
        return row?.value ?? undefined;
      },
      set: async (key, value) => {
        const row: CollectorStateRow = {
          collector_id: collectorId,
          key,
          value,
          updated_at: Date.now(),
        };
        await this.db('collector_state')
          .insert(row)
          .onConflict(['collector_id', 'key'])
          .merge(['value', 'updated_at']);
      },
    };
  }
}
