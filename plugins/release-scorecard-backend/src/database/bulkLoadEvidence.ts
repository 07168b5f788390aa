import { Knex } from 'knex';
import {
  DeploymentEvidence,
  FlagSnapshotEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
} from '../evidence';
import { chunk } from './chunk';
import { insertDeployments } from './DatabaseDeploymentStore';
import { snapshotFlagRows } from './DatabaseFlagStore';
import { insertIncidents } from './DatabaseIncidentStore';
import { newRunRow } from './DatabasePipelineRunStore';
import { FlagSnapshotRow } from './rows';

/** Rows per multi-row INSERT: large enough to be fast, small enough for SQLite's parameter limit. */
const ROWS_PER_INSERT = 400;

export interface EvidenceBatch {
  deployments?: DeploymentEvidence[];
  runs?: PipelineRunEvidence[];
  incidents?: IncidentEvidence[];
  flagSnapshots?: FlagSnapshotEvidence[];
}

/**
 * Loads history into an empty store with multi-row INSERTs, in one
 * transaction per call: for backfills and benchmarks, where merging with
 * stored records (what the push API does) is unnecessary. Every record must
 * be new; a duplicate fails the whole call on the unique keys.
 */
export async function bulkLoadEvidence(
  db: Knex,
  batch: EvidenceBatch,
  now: number,
): Promise<void> {
  await db.transaction(async tx => {
    await insertDeployments(tx, batch.deployments ?? [], now, ROWS_PER_INSERT);

    for (const runs of chunk(batch.runs ?? [], ROWS_PER_INSERT / 2)) {
      await tx('pipeline_runs').insert(
        runs.map(({ gates, ...run }) => newRunRow(run, gates, now)),
      );
    }

    await insertIncidents(tx, batch.incidents ?? [], now, ROWS_PER_INSERT);

    for (const snapshots of chunk(batch.flagSnapshots ?? [], 50)) {
      const flagRows = snapshots.flatMap(snapshot =>
        snapshotFlagRows(snapshot, snapshot.flags, now),
      );
      for (const rows of chunk(flagRows, ROWS_PER_INSERT / 2)) {
        await tx('flags').insert(rows);
      }
      await tx('flag_snapshots').insert(
        snapshots.map(
          (snapshot): FlagSnapshotRow => ({
            entity_ref: snapshot.entityRef,
            provider: snapshot.provider,
            refreshed_at: now,
            last_attempt_at: now,
            last_error: null,
            flag_count: snapshot.flags.length,
          }),
        ),
      );
    }
  });
}

const EVIDENCE_TABLES = [
  'deployments',
  'deployment_commits',
  'pipeline_runs',
  'incidents',
  'flags',
  'flag_snapshots',
];

/**
 * Call once after a backfill. PostgreSQL plans by table statistics that
 * autovacuum refreshes only some time after large writes (and never where it
 * is turned off); without them it takes a million-row table for an empty one
 * and picks nested loops that make the DORA roll-ups seconds slower. SQLite
 * plans from its indexes and keeps no statistics unless asked, so it is left
 * as it is.
 */
export async function refreshPlannerStatistics(db: Knex): Promise<void> {
  if (db.client.config.client !== 'pg') {
    return;
  }
  for (const table of EVIDENCE_TABLES) {
    await db.raw('ANALYZE ??', [table]);
  }
}
