import { Knex } from 'knex';
import {
  applyGateReports,
  DeploymentEvidence,
  FlagSnapshotEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
} from '../evidence';
import { chunk } from './chunk';
import { deploymentToRow, flagToRow, incidentToRow, runToRow } from './rows';

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
    for (const deployments of chunk(batch.deployments ?? [], ROWS_PER_INSERT)) {
      const inserted: Array<Record<string, any>> = await tx('deployments')
        .insert(
          deployments.map(d => ({
            ...deploymentToRow(d),
            received_at: now,
            updated_at: now,
          })),
        )
        .returning(['pk', 'entity_ref', 'source', 'external_id']);
      const pkOf = new Map(
        inserted.map(row => [
          `${row.entity_ref}\u0000${row.source}\u0000${row.external_id}`,
          Number(row.pk),
        ]),
      );
      const commits = deployments.flatMap(d =>
        d.commits.map(commit => ({
          deployment_pk: pkOf.get(
            `${d.entityRef}\u0000${d.source}\u0000${d.id}`,
          ),
          sha: commit.sha,
          committed_at: commit.committedAt,
        })),
      );
      for (const rows of chunk(commits, ROWS_PER_INSERT)) {
        await tx('deployment_commits').insert(rows);
      }
    }

    for (const runs of chunk(batch.runs ?? [], ROWS_PER_INSERT / 2)) {
      await tx('pipeline_runs').insert(
        runs.map(({ gates, ...run }) => {
          const applied = applyGateReports({}, gates);
          return {
            ...runToRow(run),
            gates: JSON.stringify(applied.gates),
            gate_reports: JSON.stringify(applied.reports),
            received_at: now,
            updated_at: now,
          };
        }),
      );
    }

    for (const incidents of chunk(batch.incidents ?? [], ROWS_PER_INSERT)) {
      await tx('incidents').insert(
        incidents.map(i => ({
          ...incidentToRow(i),
          received_at: now,
          updated_at: now,
        })),
      );
    }

    for (const snapshots of chunk(batch.flagSnapshots ?? [], 50)) {
      const flagRows = snapshots.flatMap(snapshot =>
        snapshot.flags.map(flag => ({
          ...flagToRow(flag),
          entity_ref: snapshot.entityRef,
          provider: snapshot.provider,
          source: snapshot.source,
          received_at: now,
          updated_at: now,
        })),
      );
      for (const rows of chunk(flagRows, ROWS_PER_INSERT / 2)) {
        await tx('flags').insert(rows);
      }
      await tx('flag_snapshots').insert(
        snapshots.map(snapshot => ({
          entity_ref: snapshot.entityRef,
          provider: snapshot.provider,
          refreshed_at: now,
          last_attempt_at: now,
          last_error: null,
          flag_count: snapshot.flags.length,
        })),
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
