import { Knex } from 'knex';
import { StoredDeployment } from '@internal/plugin-release-scorecard-common';
import {
  applyDeploymentPatch,
  CommitEvidence,
  DeploymentEvidence,
  DeploymentPatchEvidence,
  deploymentFromPatch,
  mergeDeployment,
  WriteCounts,
} from '../evidence';
import { chunk } from './chunk';
import { collapseByKey } from './collapseByKey';
import { DeploymentStore } from './DeploymentStore';
import { lockStoredRecords } from './lockStoredRecords';
import { PageRequest, StoredPage } from './pagination';
import { recordKey } from './recordKey';
import { retryingTransaction } from './retryingTransaction';
import {
  DeploymentCommitRow,
  DeploymentRow,
  optional,
  provenanceOf,
} from './rows';
import { selectNewestFirst } from './selectNewestFirst';
import { fromDbMillis, toIso } from './time';

/** Rows per INSERT, well below SQLite's bound-parameter limit. */
const INSERT_CHUNK = 200;
/** Deployments whose commits one query reads. */
const COMMIT_READ_CHUNK = 500;

/** The columns of a deployment that its evidence sets. */
function deploymentToRow(
  d: DeploymentEvidence,
): Omit<DeploymentRow, 'pk' | 'received_at' | 'updated_at'> {
  return {
    entity_ref: d.entityRef,
    source: d.source,
    external_id: d.id,
    environment: d.environment,
    revision: d.revision,
    version: d.version ?? null,
    strategy: d.strategy,
    gitops: d.gitops,
    status: d.status,
    started_at: d.startedAt,
    finished_at: d.finishedAt ?? null,
    url: d.url ?? null,
  };
}

function deploymentFromRow(
  row: DeploymentRow,
  commits: CommitEvidence[],
): DeploymentEvidence {
  return {
    entityRef: row.entity_ref,
    source: row.source,
    id: row.external_id,
    environment: row.environment,
    revision: row.revision,
    version: optional(row.version),
    strategy: row.strategy,
    gitops: Boolean(row.gitops),
    status: row.status,
    startedAt: Number(row.started_at),
    finishedAt: fromDbMillis(row.finished_at),
    commits,
    url: optional(row.url),
  };
}

function deploymentResponse(
  row: DeploymentRow,
  commits: CommitEvidence[],
): StoredDeployment {
  const d = deploymentFromRow(row, commits);
  return {
    id: d.id,
    entityRef: d.entityRef,
    environment: d.environment,
    revision: d.revision,
    version: d.version,
    strategy: d.strategy,
    gitops: d.gitops,
    status: d.status,
    startedAt: toIso(d.startedAt),
    finishedAt: toIso(d.finishedAt),
    commits: d.commits.map(c => ({
      sha: c.sha,
      committedAt: toIso(c.committedAt),
    })),
    url: d.url,
    ...provenanceOf(row),
  };
}

/**
 * Inserts new deployments and their commits, `rowsPerInsert` rows per
 * statement. Every deployment must be new: a stored one fails the insert on
 * the unique key. The store and the bulk loader both insert through here.
 */
export async function insertDeployments(
  tx: Knex.Transaction,
  deployments: DeploymentEvidence[],
  now: number,
  rowsPerInsert = INSERT_CHUNK,
): Promise<void> {
  for (const deploymentChunk of chunk(deployments, rowsPerInsert)) {
    const inserted: Array<
      Pick<DeploymentRow, 'pk' | 'entity_ref' | 'source' | 'external_id'>
    > = await tx('deployments')
      .insert(
        deploymentChunk.map(d => ({
          ...deploymentToRow(d),
          received_at: now,
          updated_at: now,
        })),
      )
      .returning(['pk', 'entity_ref', 'source', 'external_id']);
    const pkByKey = new Map(
      inserted.map(row => [
        recordKey({
          entityRef: row.entity_ref,
          source: row.source,
          id: row.external_id,
        }),
        Number(row.pk),
      ]),
    );
    const commitRows: DeploymentCommitRow[] = deploymentChunk.flatMap(d =>
      d.commits.map(commit => ({
        deployment_pk: pkByKey.get(recordKey(d))!,
        sha: commit.sha,
        committed_at: commit.committedAt,
      })),
    );
    for (const commitChunk of chunk(commitRows, rowsPerInsert)) {
      await tx('deployment_commits').insert(commitChunk);
    }
  }
}

export class DatabaseDeploymentStore implements DeploymentStore {
  constructor(private readonly db: Knex) {}

  async upsertDeployments(
    deployments: DeploymentEvidence[],
    now: number,
  ): Promise<WriteCounts> {
    const incoming = collapseByKey(deployments, recordKey, mergeDeployment);
    return retryingTransaction(this.db, async tx => {
      const existing = await this.readDeployments(tx, incoming);
      const inserts: DeploymentEvidence[] = [];
      const updates: Array<{
        pk: number;
        before: DeploymentEvidence;
        after: DeploymentEvidence;
      }> = [];
      for (const deployment of incoming) {
        const stored = existing.get(recordKey(deployment));
        if (stored) {
          updates.push({
            pk: stored.pk,
            before: stored.deployment,
            after: mergeDeployment(stored.deployment, deployment),
          });
        } else {
          inserts.push(deployment);
        }
      }
      await insertDeployments(tx, inserts, now);
      for (const update of updates) {
        await this.updateDeployment(
          tx,
          update.pk,
          update.before,
          update.after,
          now,
        );
      }
      return { accepted: inserts.length, updated: updates.length };
    });
  }

  async applyDeploymentPatches(
    patches: DeploymentPatchEvidence[],
    now: number,
  ): Promise<WriteCounts> {
    return retryingTransaction(this.db, async tx => {
      let accepted = 0;
      let updated = 0;
      for (const patch of patches) {
        const latest: DeploymentRow | undefined = await tx('deployments')
          .where({ entity_ref: patch.entityRef })
          .whereRaw('LOWER(environment) = ?', [patch.environment.toLowerCase()])
          .orderBy([
            { column: 'started_at', order: 'desc' },
            { column: 'pk', order: 'desc' },
          ])
          .first()
          .forUpdate();
        if (latest) {
          const pk = Number(latest.pk);
          const commits = await this.commitsOf(tx, [pk]);
          const before = deploymentFromRow(latest, commits.get(pk) ?? []);
          await this.updateDeployment(
            tx,
            pk,
            before,
            applyDeploymentPatch(before, patch),
            now,
          );
          updated += 1;
        } else {
          await insertDeployments(tx, [deploymentFromPatch(patch)], now);
          accepted += 1;
        }
      }
      return { accepted, updated };
    });
  }

  async listDeployments(
    entityRef: string,
    page: PageRequest,
    filter: { environments?: string[] } = {},
  ): Promise<StoredPage<StoredDeployment>> {
    const { rows, nextCursor } = await selectNewestFirst<
      DeploymentRow,
      'started_at'
    >({
      db: this.db,
      table: 'deployments',
      timeColumn: 'started_at',
      entityRef,
      page,
      narrow: query => {
        if (filter.environments) {
          query.whereIn(
            this.db.raw('LOWER(environment)') as any,
            filter.environments.map(env => env.toLowerCase()),
          );
        }
      },
    });
    const commits = await this.commitsOf(
      this.db,
      rows.map(row => Number(row.pk)),
    );
    return {
      items: rows.map(row =>
        deploymentResponse(row, commits.get(Number(row.pk)) ?? []),
      ),
      nextCursor,
    };
  }

  /** The stored deployments of `incoming`, locked for the merge, by key. */
  private async readDeployments(
    tx: Knex.Transaction,
    incoming: DeploymentEvidence[],
  ): Promise<Map<string, { pk: number; deployment: DeploymentEvidence }>> {
    const rows = await lockStoredRecords<DeploymentRow>(
      tx,
      'deployments',
      incoming,
    );
    const commits = await this.commitsOf(
      tx,
      rows.map(row => Number(row.pk)),
    );
    const found = new Map<
      string,
      { pk: number; deployment: DeploymentEvidence }
    >();
    for (const row of rows) {
      const deployment = deploymentFromRow(
        row,
        commits.get(Number(row.pk)) ?? [],
      );
      found.set(recordKey(deployment), { pk: Number(row.pk), deployment });
    }
    return found;
  }

  private async commitsOf(
    db: Knex | Knex.Transaction,
    deploymentPks: number[],
  ): Promise<Map<number, CommitEvidence[]>> {
    const commits = new Map<number, CommitEvidence[]>();
    for (const pkChunk of chunk(deploymentPks, COMMIT_READ_CHUNK)) {
      const rows: DeploymentCommitRow[] = await db('deployment_commits')
        .whereIn('deployment_pk', pkChunk)
        .orderBy(['deployment_pk', 'committed_at', 'sha']);
      for (const row of rows) {
        const pk = Number(row.deployment_pk);
        const list = commits.get(pk) ?? [];
        list.push({ sha: row.sha, committedAt: Number(row.committed_at) });
        commits.set(pk, list);
      }
    }
    return commits;
  }

  private async updateDeployment(
    tx: Knex.Transaction,
    pk: number,
    before: DeploymentEvidence,
    after: DeploymentEvidence,
    now: number,
  ): Promise<void> {
    await tx('deployments')
      .where({ pk })
      .update({ ...deploymentToRow(after), updated_at: now });
    const knownShas = new Map(before.commits.map(c => [c.sha, c.committedAt]));
    const newCommits = after.commits.filter(c => !knownShas.has(c.sha));
    const changedCommits = after.commits.filter(
      c => knownShas.has(c.sha) && knownShas.get(c.sha) !== c.committedAt,
    );
    for (const commitChunk of chunk(newCommits, INSERT_CHUNK)) {
      await tx('deployment_commits').insert(
        commitChunk.map(
          (c): DeploymentCommitRow => ({
            deployment_pk: pk,
            sha: c.sha,
            committed_at: c.committedAt,
          }),
        ),
      );
    }
    for (const commit of changedCommits) {
      await tx('deployment_commits')
        .where({ deployment_pk: pk, sha: commit.sha })
        .update({ committed_at: commit.committedAt });
    }
  }
}
