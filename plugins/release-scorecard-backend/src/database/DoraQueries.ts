import { Knex } from 'knex';
import { DoraEvidence, DoraWindow, emptyDoraEvidence } from '../dora';
import { chunk } from './chunk';
import { DbBigInt, DeploymentRow, IncidentRow } from './rows';

/*
 * The records each DORA figure rests on (docs/dora.md), selected in SQL for
 * many entities at once: the entity page, its drill-down and trend, an
 * owner's roll-up and the scorecard's facts all start here, and the pure
 * functions of ../dora turn the records into figures. selectDoraEvidence in
 * ../dora/computeDora.ts is the same selection in TypeScript; the tests and
 * the benchmark check that both select exactly the same records.
 *
 * Only the columns a figure needs leave the database: one row per change,
 * per commit's first deployment, per incident.
 */

const ENTITY_CHUNK = 500;
const FINISHED_STATUSES = ['succeeded', 'failed', 'rolled-back'];

/** A change: a finished production deployment. */
type ChangeRow = Pick<
  DeploymentRow,
  'pk' | 'entity_ref' | 'external_id' | 'status' | 'finished_at'
>;
/** The deployment an incident is attributed to; none when no deployment fits. */
interface AttributionRow {
  incident_id: string;
  deployment_pk: DbBigInt | null;
}
/** A commit's first shipping deployment in the window. */
interface LeadTimeRow {
  entity_ref: string;
  sha: string;
  deployment_id: string;
  committed_at: DbBigInt;
  finished_at: DbBigInt;
}
type RecoveryRow = Pick<
  IncidentRow,
  'entity_ref' | 'external_id' | 'opened_at' | 'resolved_at'
>;
type OpenedIncidentRow = Pick<
  IncidentRow,
  'entity_ref' | 'external_id' | 'opened_at'
>;

export class DoraQueries {
  constructor(private readonly db: Knex) {}

  /** The DORA evidence of each entity; entities without records are absent. */
  async selectEvidence(
    entityRefs: string[],
    window: DoraWindow,
  ): Promise<Map<string, DoraEvidence>> {
    const result = new Map<string, DoraEvidence>();
    const evidenceOf = (entityRef: string) => {
      let evidence = result.get(entityRef);
      if (!evidence) {
        evidence = emptyDoraEvidence();
        result.set(entityRef, evidence);
      }
      return evidence;
    };
    for (const refs of chunk([...new Set(entityRefs)], ENTITY_CHUNK)) {
      const [changes, named, byTime, leadTimes, recoveries, opened] =
        await Promise.all([
          this.selectChanges(refs, window),
          this.selectNamedDeployments(refs, window),
          this.selectDeploymentsByTime(refs, window),
          this.selectLeadTimes(refs, window),
          this.selectRecoveries(refs, window),
          this.selectOpenedIncidents(refs, window),
        ]);
      const changeByPk = new Map<number, DoraEvidence['changes'][number]>();
      for (const row of changes) {
        const change = {
          entityRef: row.entity_ref,
          deploymentId: row.external_id,
          status: row.status,
          finishedAtMs: Number(row.finished_at),
          incidents: [],
        };
        changeByPk.set(Number(row.pk), change);
        evidenceOf(row.entity_ref).changes.push(change);
      }
      for (const [rows, attributedBy] of [
        [named, 'deploymentId'],
        [byTime, 'timeWindow'],
      ] as const) {
        for (const row of rows) {
          changeByPk
            .get(Number(row.deployment_pk))
            ?.incidents.push({ incidentId: row.incident_id, attributedBy });
        }
      }
      for (const row of leadTimes) {
        evidenceOf(row.entity_ref).leadTimes.push({
          entityRef: row.entity_ref,
          sha: row.sha,
          deploymentId: row.deployment_id,
          committedAtMs: Number(row.committed_at),
          finishedAtMs: Number(row.finished_at),
        });
      }
      for (const row of recoveries) {
        evidenceOf(row.entity_ref).recoveries.push({
          entityRef: row.entity_ref,
          incidentId: row.external_id,
          openedAtMs: Number(row.opened_at),
          resolvedAtMs: Number(row.resolved_at),
        });
      }
      for (const row of opened) {
        evidenceOf(row.entity_ref).openedIncidents.push({
          entityRef: row.entity_ref,
          incidentId: row.external_id,
          openedAtMs: Number(row.opened_at),
        });
      }
    }
    return result;
  }

  /**
   * A text column (trusted: written here) compared by code unit on every
   * engine, as the TypeScript reference compares strings; PostgreSQL's
   * default collation may follow a locale.
   */
  private byCodeUnit(column: string): string {
    return this.db.client.config.client === 'pg'
      ? `${column} COLLATE "C"`
      : column;
  }

  private inProduction(
    query: Knex.QueryBuilder,
    window: DoraWindow,
    alias: string,
  ) {
    return query.whereIn(
      this.db.raw('LOWER(??)', [`${alias}.environment`]) as any,
      window.productionEnvironments,
    );
  }

  /** Production deployments of `refs` that finished in the window. */
  private finishedInWindow(
    query: Knex.QueryBuilder,
    refs: string[],
    window: DoraWindow,
    alias: string,
  ) {
    return this.inProduction(query, window, alias)
      .whereIn(`${alias}.entity_ref`, refs)
      .where(`${alias}.finished_at`, '>', window.from)
      .where(`${alias}.finished_at`, '<=', window.to);
  }

  /** The changes: succeeded, failed or rolled back. */
  private selectChanges(
    refs: string[],
    window: DoraWindow,
  ): Promise<ChangeRow[]> {
    return this.finishedInWindow(this.db('deployments as d'), refs, window, 'd')
      .whereIn('d.status', FINISHED_STATUSES)
      .select(
        'd.pk',
        'd.entity_ref',
        'd.external_id',
        'd.status',
        'd.finished_at',
      );
  }

  /**
   * The deployment each incident with a deploymentId names: the entity's
   * deployment with that id from the incident's own source, else the one of
   * another source that finished last, then by source name.
   */
  private selectNamedDeployments(
    refs: string[],
    window: DoraWindow,
  ): Promise<AttributionRow[]> {
    const finish = (alias: string) => `COALESCE(${alias}.finished_at, -1)`;
    return this.db('incidents as i')
      .join('deployments as d', function sameId() {
        this.on('d.entity_ref', '=', 'i.entity_ref').andOn(
          'd.external_id',
          '=',
          'i.deployment_id',
        );
      })
      .whereIn('i.entity_ref', refs)
      .whereNotNull('i.deployment_id')
      .where('i.opened_at', '<=', window.to)
      .whereNotExists(
        this.db('deployments as b')
          .whereRaw('b.entity_ref = d.entity_ref')
          .whereRaw('b.external_id = d.external_id')
          .whereRaw('b.pk <> d.pk')
          .whereRaw(
            `(
              (b.source = i.source AND d.source <> i.source)
              OR ((b.source = i.source) = (d.source = i.source)
                AND (${finish('b')} > ${finish('d')}
                  OR (${finish('b')} = ${finish('d')}
                    AND ${this.byCodeUnit('b.source')} < ${this.byCodeUnit(
              'd.source',
            )})))
            )`,
          )
          .select(this.db.raw('1')),
      )
      .select('i.external_id as incident_id', 'd.pk as deployment_pk');
  }

  /**
   * For each incident without a deploymentId opened in the window, the
   * entity's latest succeeded production deployment that finished at most
   * the attribution window before it opened.
   */
  private selectDeploymentsByTime(
    refs: string[],
    window: DoraWindow,
  ): Promise<AttributionRow[]> {
    const latestBefore = this.inProduction(
      this.db('deployments as d'),
      window,
      'd',
    )
      .select('d.pk')
      .whereRaw('d.entity_ref = i.entity_ref')
      .where('d.status', 'succeeded')
      .whereRaw('d.finished_at <= i.opened_at')
      // The latest deployment before the incident is the one blamed if it is
      // within the attribution window; if it is not, no earlier one is either.
      .whereRaw('d.finished_at >= i.opened_at - ?', [
        window.attributionWindowMs,
      ])
      .orderByRaw(
        `d.finished_at DESC, ${this.byCodeUnit(
          'd.external_id',
        )} DESC, ${this.byCodeUnit('d.source')} DESC`,
      )
      .limit(1);
    return this.db('incidents as i')
      .whereIn('i.entity_ref', refs)
      .whereNull('i.deployment_id')
      .where('i.opened_at', '>', window.from)
      .where('i.opened_at', '<=', window.to)
      .select('i.external_id as incident_id', latestBefore.as('deployment_pk'));
  }

  /**
   * One sample per commit and entity, at the first deployment in the window
   * that shipped it (by finish, then id, then source) with that deployment's
   * commit time; a negative sample is dropped, not replaced.
   */
  private selectLeadTimes(
    refs: string[],
    window: DoraWindow,
  ): Promise<LeadTimeRow[]> {
    const ranked = this.finishedInWindow(
      this.db('deployment_commits as c').join(
        'deployments as d',
        'd.pk',
        'c.deployment_pk',
      ),
      refs,
      window,
      'd',
    )
      .where('d.status', 'succeeded')
      .select(
        'd.entity_ref',
        'c.sha',
        'd.external_id as deployment_id',
        'c.committed_at',
        'd.finished_at',
        this.db.raw(
          `ROW_NUMBER() OVER (PARTITION BY d.entity_ref, c.sha ORDER BY d.finished_at, ${this.byCodeUnit(
            'd.external_id',
          )}, ${this.byCodeUnit('d.source')}) AS shipped`,
        ),
      );
    return this.db
      .from(ranked.as('first'))
      .where('shipped', 1)
      .whereRaw('finished_at >= committed_at')
      .select(
        'entity_ref',
        'sha',
        'deployment_id',
        'committed_at',
        'finished_at',
      );
  }

  private selectRecoveries(
    refs: string[],
    window: DoraWindow,
  ): Promise<RecoveryRow[]> {
    return this.db('incidents')
      .whereIn('entity_ref', refs)
      .where('resolved_at', '>', window.from)
      .where('resolved_at', '<=', window.to)
      .whereRaw('resolved_at >= opened_at')
      .select('entity_ref', 'external_id', 'opened_at', 'resolved_at');
  }

  private selectOpenedIncidents(
    refs: string[],
    window: DoraWindow,
  ): Promise<OpenedIncidentRow[]> {
    return this.db('incidents')
      .whereIn('entity_ref', refs)
      .where('opened_at', '>', window.from)
      .where('opened_at', '<=', window.to)
      .select('entity_ref', 'external_id', 'opened_at');
  }
}
