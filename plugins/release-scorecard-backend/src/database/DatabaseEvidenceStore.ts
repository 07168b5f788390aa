import { chunk } from './chunk';
import { Knex } from 'knex';
import {
  IncidentStatus,
  StoredPipelineGate,
  StoredDeployment,
  StoredFeatureFlag,
  StoredIncident,
  StoredPipelineRun,
} from '@internal/plugin-release-scorecard-common';
import {
  applyDeploymentPatch,
  applyGateReports,
  CommitEvidence,
  DeploymentEvidence,
  deploymentFromPatch,
  DeploymentPatchEvidence,
  FlagSnapshotEvidence,
  GateEvidence,
  GateReportEvidence,
  IncidentEvidence,
  mergeDeployment,
  mergeIncident,
  mergePipelineRun,
  PipelineRunEvidence,
  WriteCounts,
} from '../evidence';
import {
  EvidenceStore,
  FlagSnapshotStatus,
  PageRequest,
  RetentionResult,
  StoredPage,
  UnknownEntityRef,
  UnmatchedWebhookEvents,
} from './EvidenceStore';
import {
  decodeKeyCursor,
  decodePkCursor,
  decodeTimeCursor,
  encodeCursor,
} from './pagination';
import { toIso } from './time';
import {
  deploymentFromRow,
  deploymentResponse,
  deploymentToRow,
  flagResponse,
  flagToRow,
  incidentFromRow,
  incidentResponse,
  incidentToRow,
  optional,
  Row,
  runFromRow,
  runResponse,
  runToRow,
} from './rows';

/** Rows per INSERT, well below SQLite's bound-parameter limit. */
const INSERT_CHUNK = 200;
/** Rows per DELETE round of the retention task, to keep locks short. */
const RETENTION_CHUNK = 2000;
const MAX_TRANSACTION_ATTEMPTS = 6;

/**
 * Concurrent writers on PostgreSQL can collide on a unique key (two batches
 * creating the same record) or deadlock; the whole transaction is retried,
 * and then sees the other writer's row and merges with it.
 */
function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return (
    code === '23505' || // unique_violation
    code === '40001' || // serialization_failure
    code === '40P01' || // deadlock_detected
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

function recordKey(d: { entityRef: string; source: string; id: string }) {
  return `${d.entityRef}\u0000${d.source}\u0000${d.id}`;
}

function runKey(r: { entityRef: string; id: string }) {
  return `${r.entityRef}\u0000${r.id}`;
}

/** Later deliveries of the same record in one batch are merged in order. */
function collapseByKey<T>(
  items: T[],
  keyOf: (item: T) => string,
  merge: (existing: T, incoming: T) => T,
): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const existing = byKey.get(key);
    byKey.set(key, existing ? merge(existing, item) : item);
  }
  return [...byKey.values()];
}

export class DatabaseEvidenceStore implements EvidenceStore {
  // Row locks (SELECT … FOR UPDATE) serialise concurrent merges of the same
  // record on PostgreSQL; knex leaves them out on SQLite, whose writers are
  // serialised anyway.
  constructor(private readonly db: Knex) {}

  private async transaction<T>(
    work: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(work);
      } catch (error) {
        if (
          attempt >= MAX_TRANSACTION_ATTEMPTS ||
          !isRetryableConflict(error)
        ) {
          throw error;
        }
        await new Promise(resolve =>
          setTimeout(resolve, Math.random() * 20 * attempt),
        );
      }
    }
  }

  // ---------------------------------------------------------------- deployments

  async upsertDeployments(
    deployments: DeploymentEvidence[],
    now: number,
  ): Promise<WriteCounts> {
    const incoming = collapseByKey(deployments, recordKey, mergeDeployment);
    return this.transaction(async tx => {
      const existing = await this.readDeployments(
        tx,
        incoming.map(d => [d.entityRef, d.source, d.id]),
      );
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
      await this.insertDeployments(tx, inserts, now);
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
    return this.transaction(async tx => {
      let accepted = 0;
      let updated = 0;
      for (const patch of patches) {
        const latest = await tx('deployments')
          .where({ entity_ref: patch.entityRef })
          .whereRaw('LOWER(environment) = ?', [patch.environment.toLowerCase()])
          .orderBy([
            { column: 'started_at', order: 'desc' },
            { column: 'pk', order: 'desc' },
          ])
          .first()
          .forUpdate();
        if (latest) {
          const before = await this.deploymentWithCommits(tx, latest);
          await this.updateDeployment(
            tx,
            Number(latest.pk),
            before,
            applyDeploymentPatch(before, patch),
            now,
          );
          updated += 1;
        } else {
          await this.insertDeployments(tx, [deploymentFromPatch(patch)], now);
          accepted += 1;
        }
      }
      return { accepted, updated };
    });
  }

  private async readDeployments(
    tx: Knex.Transaction,
    keys: string[][],
  ): Promise<Map<string, { pk: number; deployment: DeploymentEvidence }>> {
    const found = new Map<
      string,
      { pk: number; deployment: DeploymentEvidence }
    >();
    for (const keyChunk of chunk(keys, INSERT_CHUNK)) {
      const rows = await tx('deployments')
        .whereIn(['entity_ref', 'source', 'external_id'], keyChunk)
        .orderBy('pk')
        .forUpdate();
      const commits = await this.commitsOf(
        tx,
        rows.map(row => Number(row.pk)),
      );
      for (const row of rows) {
        const deployment = deploymentFromRow(
          row,
          commits.get(Number(row.pk)) ?? [],
        );
        found.set(recordKey(deployment), { pk: Number(row.pk), deployment });
      }
    }
    return found;
  }

  private async deploymentWithCommits(
    tx: Knex.Transaction,
    row: Row,
  ): Promise<DeploymentEvidence> {
    const commits = await this.commitsOf(tx, [Number(row.pk)]);
    return deploymentFromRow(row, commits.get(Number(row.pk)) ?? []);
  }

  private async commitsOf(
    db: Knex | Knex.Transaction,
    deploymentPks: number[],
  ): Promise<Map<number, CommitEvidence[]>> {
    const commits = new Map<number, CommitEvidence[]>();
    for (const pkChunk of chunk(deploymentPks, 500)) {
      const rows = await db('deployment_commits')
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

  private async insertDeployments(
    tx: Knex.Transaction,
    deployments: DeploymentEvidence[],
    now: number,
  ): Promise<void> {
    for (const deploymentChunk of chunk(deployments, INSERT_CHUNK)) {
      const inserted: Row[] = await tx('deployments')
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
      const commitRows = deploymentChunk.flatMap(d =>
        d.commits.map(commit => ({
          deployment_pk: pkByKey.get(recordKey(d))!,
          sha: commit.sha,
          committed_at: commit.committedAt,
        })),
      );
      for (const commitChunk of chunk(commitRows, INSERT_CHUNK)) {
        await tx('deployment_commits').insert(commitChunk);
      }
    }
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
        commitChunk.map(c => ({
          deployment_pk: pk,
          sha: c.sha,
          committed_at: c.committedAt,
        })),
      );
    }
    for (const commit of changedCommits) {
      await tx('deployment_commits')
        .where({ deployment_pk: pk, sha: commit.sha })
        .update({ committed_at: commit.committedAt });
    }
  }

  // -------------------------------------------------------------- pipeline runs

  async upsertPipelineRuns(
    runs: PipelineRunEvidence[],
    now: number,
  ): Promise<WriteCounts> {
    const incoming = collapseByKey(runs, runKey, (a, b) => ({
      ...mergePipelineRun(a, b),
      gates: [...a.gates, ...b.gates],
    }));
    return this.transaction(async tx => {
      let accepted = 0;
      let updated = 0;
      for (const run of incoming) {
        const { gates, ...fields } = run;
        const existing = await tx('pipeline_runs')
          .where({ entity_ref: run.entityRef, external_id: run.id })
          .first()
          .forUpdate();
        if (existing) {
          const merged = mergePipelineRun(runFromRow(existing), fields);
          await this.updateRun(tx, existing, merged, gates, now);
          updated += 1;
        } else {
          await this.insertRun(tx, fields, gates, now);
          accepted += 1;
        }
      }
      return { accepted, updated };
    });
  }

  async addGateReports(
    reports: GateReportEvidence[],
    now: number,
  ): Promise<WriteCounts> {
    return this.transaction(async tx => {
      let accepted = 0;
      let updated = 0;
      for (const report of reports) {
        const run = await this.findRunForReport(tx, report);
        if (!run) {
          // No run yet: the report starts one, named by its run id or revision.
          await this.insertRun(
            tx,
            {
              entityRef: report.entityRef,
              source: report.source,
              id: report.runId ?? report.revision,
              revision: report.revision,
              version: report.version,
              branch: report.branch,
              startedAt: report.startedAt,
            },
            [report.gate],
            now,
          );
          accepted += 1;
          continue;
        }
        const redelivered = await this.updateRun(
          tx,
          run,
          runFromRow(run),
          [report.gate],
          now,
        );
        if (redelivered > 0) {
          updated += 1;
        } else {
          accepted += 1;
        }
      }
      return { accepted, updated };
    });
  }

  /** The run a report names by id, else the latest run of its revision. */
  private findRunForReport(
    tx: Knex.Transaction,
    report: GateReportEvidence,
  ): Promise<Row | undefined> {
    const query = report.runId
      ? tx('pipeline_runs').where({
          entity_ref: report.entityRef,
          external_id: report.runId,
        })
      : tx('pipeline_runs')
          .where({ entity_ref: report.entityRef, revision: report.revision })
          .orderBy([
            { column: 'started_at', order: 'desc' },
            { column: 'pk', order: 'desc' },
          ]);
    return query.first().forUpdate();
  }

  private async insertRun(
    tx: Knex.Transaction,
    run: Omit<PipelineRunEvidence, 'gates'>,
    gates: GateEvidence[],
    now: number,
  ): Promise<void> {
    const applied = applyGateReports({}, gates);
    await tx('pipeline_runs').insert({
      ...runToRow(run),
      gates: JSON.stringify(applied.gates),
      gate_reports: JSON.stringify(applied.reports),
      received_at: now,
      updated_at: now,
    });
  }

  /**
   * Writes the merged run fields and adds gate reports to the run's own
   * (a newer report of a source replaces its older one). Returns how many of
   * the reports were re-deliveries.
   */
  private async updateRun(
    tx: Knex.Transaction,
    row: Row,
    fields: Omit<PipelineRunEvidence, 'gates'>,
    gates: GateEvidence[],
    now: number,
  ): Promise<number> {
    const applied = applyGateReports(JSON.parse(row.gate_reports), gates);
    await tx('pipeline_runs')
      .where({ pk: row.pk })
      .update({
        ...runToRow(fields),
        gates: JSON.stringify(applied.gates),
        gate_reports: JSON.stringify(applied.reports),
        updated_at: now,
      });
    return applied.redelivered;
  }

  // ------------------------------------------------------------------ incidents

  async upsertIncidents(
    incidents: IncidentEvidence[],
    now: number,
  ): Promise<WriteCounts> {
    const incoming = collapseByKey(incidents, recordKey, mergeIncident);
    return this.transaction(async tx => {
      const existing = new Map<
        string,
        { pk: number; incident: IncidentEvidence }
      >();
      for (const keyChunk of chunk(
        incoming.map(i => [i.entityRef, i.source, i.id]),
        INSERT_CHUNK,
      )) {
        const rows = await tx('incidents')
          .whereIn(['entity_ref', 'source', 'external_id'], keyChunk)
          .orderBy('pk')
          .forUpdate();
        for (const row of rows) {
          const incident = incidentFromRow(row);
          existing.set(recordKey(incident), { pk: Number(row.pk), incident });
        }
      }
      const inserts: IncidentEvidence[] = [];
      let updated = 0;
      for (const incident of incoming) {
        const stored = existing.get(recordKey(incident));
        if (stored) {
          await tx('incidents')
            .where({ pk: stored.pk })
            .update({
              ...incidentToRow(mergeIncident(stored.incident, incident)),
              updated_at: now,
            });
          updated += 1;
        } else {
          inserts.push(incident);
        }
      }
      for (const insertChunk of chunk(inserts, INSERT_CHUNK)) {
        await tx('incidents').insert(
          insertChunk.map(i => ({
            ...incidentToRow(i),
            received_at: now,
            updated_at: now,
          })),
        );
      }
      return { accepted: inserts.length, updated };
    });
  }

  // ---------------------------------------------------------------------- flags

  async replaceFlagSnapshot(
    snapshot: FlagSnapshotEvidence,
    now: number,
  ): Promise<WriteCounts> {
    const flags = collapseByKey(
      snapshot.flags,
      flag => flag.key,
      (_, later) => later,
    );
    return this.transaction(async tx => {
      const scope = {
        entity_ref: snapshot.entityRef,
        provider: snapshot.provider,
      };
      const existingKeys = new Set(
        (await tx('flags').where(scope).select('flag_key')).map(
          row => row.flag_key,
        ),
      );
      const keys = flags.map(flag => flag.key);
      // Flags missing from the snapshot were deleted at the provider.
      await tx('flags')
        .where(scope)
        .modify(query => {
          if (keys.length > 0) {
            query.whereNotIn('flag_key', keys);
          }
        })
        .delete();
      for (const flagChunk of chunk(flags, INSERT_CHUNK)) {
        await tx('flags')
          .insert(
            flagChunk.map(flag => ({
              ...flagToRow(flag),
              entity_ref: snapshot.entityRef,
              provider: snapshot.provider,
              source: snapshot.source,
              received_at: now,
              updated_at: now,
            })),
          )
          .onConflict(['entity_ref', 'provider', 'flag_key'])
          .merge([
            'name',
            'type',
            'temporary',
            'archived',
            'active',
            'stale',
            'stale_reason',
            'environments',
            'created_at',
            'last_modified_at',
            'owner',
            'url',
            'source',
            'updated_at',
          ]);
      }
      await tx('flag_snapshots')
        .insert({
          ...scope,
          refreshed_at: now,
          last_attempt_at: now,
          last_error: null,
          flag_count: flags.length,
        })
        .onConflict(['entity_ref', 'provider'])
        .merge(['refreshed_at', 'last_attempt_at', 'last_error', 'flag_count']);
      const updated = keys.filter(key => existingKeys.has(key)).length;
      return { accepted: keys.length - updated, updated };
    });
  }

  async recordFlagSnapshotFailure(
    entityRef: string,
    provider: string,
    error: string,
    now: number,
  ): Promise<void> {
    const changed = await this.db('flag_snapshots')
      .where({ entity_ref: entityRef, provider })
      .update({ last_attempt_at: now, last_error: error.slice(0, 1000) });
    if (changed === 0) {
      // Never refreshed: there is no good snapshot to keep, say so.
      await this.db('flag_snapshots')
        .insert({
          entity_ref: entityRef,
          provider,
          refreshed_at: 0,
          last_attempt_at: now,
          last_error: error.slice(0, 1000),
          flag_count: 0,
        })
        .onConflict(['entity_ref', 'provider'])
        .merge(['last_attempt_at', 'last_error']);
    }
  }

  // ---------------------------------------------------------------------- lists

  async listDeployments(
    entityRef: string,
    page: PageRequest,
    filter: { environments?: string[] } = {},
  ): Promise<StoredPage<StoredDeployment>> {
    const rows = await this.pageQuery(
      'deployments',
      'started_at',
      entityRef,
      page,
      query => {
        if (filter.environments) {
          query.whereIn(
            this.db.raw('LOWER(environment)') as any,
            filter.environments.map(env => env.toLowerCase()),
          );
        }
      },
    );
    const items = rows.slice(0, page.limit);
    const commits = await this.commitsOf(
      this.db,
      items.map(row => Number(row.pk)),
    );
    return {
      items: items.map(row =>
        deploymentResponse(row, commits.get(Number(row.pk)) ?? []),
      ),
      nextCursor: this.nextCursor(rows, page.limit, 'started_at'),
    };
  }

  async listPipelineRuns(
    entityRef: string,
    page: PageRequest,
  ): Promise<StoredPage<StoredPipelineRun>> {
    const rows = await this.pageQuery(
      'pipeline_runs',
      'started_at',
      entityRef,
      page,
    );
    return {
      items: rows.slice(0, page.limit).map(row => ({
        ...runResponse(row),
        gates: JSON.parse(row.gates) as StoredPipelineGate[],
      })),
      nextCursor: this.nextCursor(rows, page.limit, 'started_at'),
    };
  }

  async listIncidents(
    entityRef: string,
    page: PageRequest,
    filter: { statuses?: IncidentStatus[] } = {},
  ): Promise<StoredPage<StoredIncident>> {
    const rows = await this.pageQuery(
      'incidents',
      'opened_at',
      entityRef,
      page,
      query => {
        if (filter.statuses) {
          query.whereIn('status', filter.statuses);
        }
      },
    );
    return {
      items: rows.slice(0, page.limit).map(incidentResponse),
      nextCursor: this.nextCursor(rows, page.limit, 'opened_at'),
    };
  }

  async listFlags(
    entityRef: string,
    page: PageRequest,
  ): Promise<StoredPage<StoredFeatureFlag>> {
    const cursor = decodePkCursor(page.cursor);
    const rows = await this.db('flags as f')
      .leftJoin('flag_snapshots as s', function joinSnapshot() {
        this.on('s.entity_ref', '=', 'f.entity_ref').andOn(
          's.provider',
          '=',
          'f.provider',
        );
      })
      .where('f.entity_ref', entityRef)
      .modify(query => {
        if (cursor) {
          query.where('f.pk', '>', cursor.pk);
        }
      })
      .orderBy('f.pk')
      .limit(page.limit + 1)
      .select('f.*', 's.refreshed_at as snapshot_at');
    return {
      items: rows.slice(0, page.limit).map(flagResponse),
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ after: 0, pk: Number(rows[page.limit - 1].pk) })
          : undefined,
    };
  }

  async listFlagSnapshots(entityRef: string): Promise<FlagSnapshotStatus[]> {
    const rows = await this.db('flag_snapshots')
      .where({ entity_ref: entityRef })
      .orderBy('provider');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      provider: row.provider,
      refreshedAt: toIso(Number(row.refreshed_at)),
      lastAttemptAt: toIso(Number(row.last_attempt_at)),
      lastError: optional(row.last_error),
      flagCount: Number(row.flag_count),
    }));
  }

  /** Newest first by `timeColumn`, ties broken by primary key. */
  private async pageQuery(
    table: string,
    timeColumn: string,
    entityRef: string,
    page: PageRequest,
    narrow?: (query: Knex.QueryBuilder) => void,
  ): Promise<Row[]> {
    const cursor = decodeTimeCursor(page.cursor);
    return this.db(table)
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
  }

  private nextCursor(rows: Row[], limit: number, timeColumn: string) {
    if (rows.length <= limit) {
      return undefined;
    }
    const last = rows[limit - 1];
    return encodeCursor({
      after: Number(last[timeColumn]),
      pk: Number(last.pk),
    });
  }

  // ----------------------------------------------------------------- operations

  async recordUnknownEntityRefs(
    recordsPerRef: Map<string, number>,
    now: number,
  ): Promise<void> {
    for (const [entityRef, records] of recordsPerRef) {
      await this.db('unknown_entity_refs')
        .insert({
          entity_ref: entityRef,
          first_seen_at: now,
          last_seen_at: now,
          records,
        })
        .onConflict('entity_ref')
        .merge({
          last_seen_at: now,
          records: this.db.raw('?? + ?', [
            'unknown_entity_refs.records',
            records,
          ]),
        });
    }
  }

  async forgetUnknownEntityRefs(entityRefs: string[]): Promise<void> {
    for (const refChunk of chunk(entityRefs, 500)) {
      await this.db('unknown_entity_refs')
        .whereIn('entity_ref', refChunk)
        .delete();
    }
  }

  async listUnknownEntityRefs(
    page: PageRequest,
  ): Promise<StoredPage<UnknownEntityRef>> {
    const cursor = decodeKeyCursor(page.cursor);
    const rows: Row[] = await this.db('unknown_entity_refs')
      .modify(query => {
        if (cursor) {
          query.where('entity_ref', '>', cursor.after);
        }
      })
      .orderBy('entity_ref')
      .limit(page.limit + 1);
    return {
      items: rows.slice(0, page.limit).map(row => ({
        entityRef: row.entity_ref,
        firstSeenAt: toIso(Number(row.first_seen_at)),
        lastSeenAt: toIso(Number(row.last_seen_at)),
        records: Number(row.records),
      })),
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ after: rows[page.limit - 1].entity_ref, pk: 0 })
          : undefined,
    };
  }

  async recordUnmatchedWebhookEvent(
    event: { source: string; lookup: string; eventType: string },
    now: number,
  ): Promise<void> {
    await this.db('unmatched_webhook_events')
      .insert({
        source: event.source,
        lookup: event.lookup.slice(0, 512),
        events: 1,
        first_seen_at: now,
        last_seen_at: now,
        last_event: event.eventType.slice(0, 255),
      })
      .onConflict(['source', 'lookup'])
      .merge({
        events: this.db.raw('?? + 1', ['unmatched_webhook_events.events']),
        last_seen_at: now,
        last_event: event.eventType.slice(0, 255),
      });
  }

  async listUnmatchedWebhookEvents(
    page: PageRequest,
  ): Promise<StoredPage<UnmatchedWebhookEvents>> {
    const cursor = decodeKeyCursor(page.cursor, 2);
    const [afterSource, afterLookup] = cursor
      ? cursor.after.split('\u0000')
      : [];
    const rows: Row[] = await this.db('unmatched_webhook_events')
      .modify(query => {
        if (cursor) {
          query.where(inner =>
            inner
              .where('source', '>', afterSource)
              .orWhere(same =>
                same
                  .where('source', '=', afterSource)
                  .andWhere('lookup', '>', afterLookup ?? ''),
              ),
          );
        }
      })
      .orderBy(['source', 'lookup'])
      .limit(page.limit + 1);
    const last = rows[page.limit - 1];
    return {
      items: rows.slice(0, page.limit).map(row => ({
        source: row.source,
        lookup: row.lookup,
        events: Number(row.events),
        firstSeenAt: toIso(Number(row.first_seen_at)),
        lastSeenAt: toIso(Number(row.last_seen_at)),
        lastEvent: optional(row.last_event),
      })),
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ after: `${last.source}\u0000${last.lookup}`, pk: 0 })
          : undefined,
    };
  }

  // ------------------------------------------------------------------ retention

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
    table: string,
    timeColumn: string,
    cutoff: number,
    deleteChildren?: (tx: Knex.Transaction, pks: number[]) => Promise<void>,
  ): Promise<number> {
    let deleted = 0;
    for (;;) {
      const pks = (
        await this.db(table)
          .where(timeColumn, '<', cutoff)
          .orderBy(timeColumn)
          .limit(RETENTION_CHUNK)
          .select('pk')
      ).map(row => Number(row.pk));
      if (pks.length === 0) {
        return deleted;
      }
      await this.transaction(async tx => {
        for (const pkChunk of chunk(pks, 500)) {
          await deleteChildren?.(tx, pkChunk);
          await tx(table).whereIn('pk', pkChunk).delete();
        }
      });
      deleted += pks.length;
    }
  }
}
