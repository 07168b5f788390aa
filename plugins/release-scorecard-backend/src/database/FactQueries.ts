import { Knex } from 'knex';
import { IncidentSeverity } from '@internal/plugin-release-scorecard-common';
import { DoraEvidence, DoraWindow } from '../dora';
import { FlagLifetimesDays } from '../flags/staleness';
import { CandidateRun } from '../rules';
import { chunk } from './chunk';
import { DoraQueries } from './DoraQueries';
import { DbBigInt, DeploymentRow, IncidentRow, PipelineRunRow } from './rows';
import { staleFlagPredicate } from './staleFlagPredicate';

/** The evidence of one entity that its facts are built from. */
export interface EntityEvidenceSummary {
  latestProductionDeployment?: {
    id: string;
    strategy: string;
    gitops: boolean;
    status: string;
    startedAt: number;
  };
  candidateRun?: CandidateRun & { startedAt: number };
  dora?: DoraEvidence;
  openIncidents: Partial<Record<IncidentSeverity, number>>;
  incidentsLast30Days: number;
  /** Whether any incident was ever recorded for the entity. */
  hasIncidents: boolean;
  activeFlags: number;
  staleActiveFlags: number;
  hasFlagData: boolean;
}

const ENTITY_CHUNK = 500;
const DAY_MS = 86_400_000;

/** How many incidents of a severity an entity has open. */
type OpenIncidentsRow = Pick<IncidentRow, 'entity_ref' | 'severity'> & {
  n: DbBigInt;
};
/** How many incidents an entity had. */
type IncidentCountRow = Pick<IncidentRow, 'entity_ref'> & { n: DbBigInt };
/** How many of an entity's flags are active, and active and stale. */
interface FlagCountRow {
  entity_ref: string;
  active: DbBigInt | null;
  stale_active: DbBigInt | null;
}

/**
 * Gathers, for many entities at once, the evidence their rules look at: a
 * handful of grouped queries per 500 entities, so that re-evaluating the
 * whole organisation stays a matter of seconds.
 */
export class FactQueries {
  private readonly dora: DoraQueries;

  constructor(private readonly db: Knex) {
    this.dora = new DoraQueries(db);
  }

  async summarize(
    entityRefs: string[],
    options: {
      now: number;
      doraWindow: DoraWindow;
      flagLifetimesDays: FlagLifetimesDays;
    },
  ): Promise<Map<string, EntityEvidenceSummary>> {
    const summaries = new Map<string, EntityEvidenceSummary>();
    for (const refs of chunk([...new Set(entityRefs)], ENTITY_CHUNK)) {
      for (const ref of refs) {
        summaries.set(ref, {
          openIncidents: {},
          incidentsLast30Days: 0,
          hasIncidents: false,
          activeFlags: 0,
          staleActiveFlags: 0,
          hasFlagData: false,
        });
      }
      const [
        deployments,
        runs,
        dora,
        openIncidents,
        recentIncidents,
        flags,
        reportingIncidents,
      ] = await Promise.all([
        this.latestProductionDeployments(
          refs,
          options.doraWindow.productionEnvironments,
        ),
        this.latestPipelineRuns(refs),
        this.dora.selectEvidence(refs, options.doraWindow),
        this.openIncidentCounts(refs),
        this.incidentCountsSince(refs, options.now - 30 * DAY_MS),
        this.flagCounts(refs, options.now, options.flagLifetimesDays),
        this.entitiesWithIncidents(refs),
      ]);
      for (const [ref, deployment] of deployments) {
        summaries.get(ref)!.latestProductionDeployment = deployment;
      }
      for (const [ref, run] of runs) {
        summaries.get(ref)!.candidateRun = run;
      }
      for (const [ref, aggregate] of dora) {
        summaries.get(ref)!.dora = aggregate;
      }
      for (const row of openIncidents) {
        summaries.get(row.entity_ref)!.openIncidents[row.severity] = Number(
          row.n,
        );
      }
      for (const row of recentIncidents) {
        summaries.get(row.entity_ref)!.incidentsLast30Days = Number(row.n);
      }
      for (const ref of reportingIncidents) {
        summaries.get(ref)!.hasIncidents = true;
      }
      for (const row of flags) {
        const summary = summaries.get(row.entity_ref)!;
        summary.hasFlagData = true;
        summary.activeFlags = Number(row.active ?? 0);
        summary.staleActiveFlags = Number(row.stale_active ?? 0);
      }
    }
    return summaries;
  }

  /** The entities that ever reported an incident: zero open is then known. */
  private async entitiesWithIncidents(refs: string[]): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.db('incidents')
      .whereIn('entity_ref', refs)
      .distinct('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  /** The latest production deployment (by start) of each entity. */
  private async latestProductionDeployments(
    refs: string[],
    productionEnvironments: string[],
  ) {
    const latest = await this.latestStartedRowOfEachEntity<
      DeploymentRow,
      'external_id' | 'strategy' | 'gitops' | 'status' | 'started_at'
    >(
      'deployments',
      refs,
      ['external_id', 'strategy', 'gitops', 'status', 'started_at'],
      productionEnvironments.map(env => env.toLowerCase()),
    );
    return new Map<
      string,
      NonNullable<EntityEvidenceSummary['latestProductionDeployment']>
    >(
      [...latest].map(([ref, row]) => [
        ref,
        {
          id: row.external_id,
          strategy: row.strategy,
          gitops: Boolean(row.gitops),
          status: row.status,
          startedAt: Number(row.started_at),
        },
      ]),
    );
  }

  /** The release candidate of each entity: its latest pipeline run, with gates. */
  private async latestPipelineRuns(refs: string[]) {
    const latest = await this.latestStartedRowOfEachEntity<
      PipelineRunRow,
      'external_id' | 'revision' | 'version' | 'started_at' | 'gates'
    >('pipeline_runs', refs, [
      'external_id',
      'revision',
      'version',
      'started_at',
      'gates',
    ]);
    return new Map(
      [...latest].map(([ref, row]) => [
        ref,
        {
          id: row.external_id,
          revision: row.revision,
          version: row.version ?? undefined,
          startedAt: Number(row.started_at),
          gates: JSON.parse(row.gates) as CandidateRun['gates'],
        },
      ]),
    );
  }

  /**
   * The row of each entity with the latest start (the highest pk among rows
   * that started together), optionally only in the given environments.
   * The latest start per entity is grouped once and joined back: a
   * correlated MAX() per row made PostgreSQL rescan every entity's rows once
   * per row (seconds per 500 entities).
   */
  private async latestStartedRowOfEachEntity<
    TRow extends DeploymentRow | PipelineRunRow,
    TColumn extends keyof TRow & string,
  >(
    table: 'deployments' | 'pipeline_runs',
    refs: string[],
    columns: TColumn[],
    lowerCaseEnvironments?: string[],
  ): Promise<Map<string, Pick<TRow, 'pk' | 'entity_ref' | TColumn>>> {
    type LatestRow = Pick<TRow, 'pk' | 'entity_ref' | TColumn>;
    const inEnvironments = (column: string) => (query: Knex.QueryBuilder) => {
      if (lowerCaseEnvironments) {
        query.whereIn(
          this.db.raw('LOWER(??)', [column]) as any,
          lowerCaseEnvironments,
        );
      }
    };
    const latestStarts = this.db(table)
      .whereIn('entity_ref', refs)
      .modify(inEnvironments('environment'))
      .groupBy('entity_ref')
      .select('entity_ref', this.db.raw('MAX(started_at) AS started_at'));
    // The columns are TRow's; knex cannot type a select of generic columns.
    const rows = (await this.db(`${table} as t`)
      .join(latestStarts.as('latest'), function latestStart() {
        this.on('t.entity_ref', '=', 'latest.entity_ref').andOn(
          't.started_at',
          '=',
          'latest.started_at',
        );
      })
      .modify(inEnvironments('t.environment'))
      .select([
        't.pk',
        't.entity_ref',
        ...columns.map(c => `t.${c}`),
      ])) as LatestRow[];
    const latest = new Map<string, LatestRow>();
    for (const row of rows) {
      const existing = latest.get(row.entity_ref);
      if (!existing || Number(row.pk) > Number(existing.pk)) {
        latest.set(row.entity_ref, row);
      }
    }
    return latest;
  }

  /** How many incidents of each severity each entity has open. */
  private openIncidentCounts(refs: string[]): Promise<OpenIncidentsRow[]> {
    return this.db('incidents')
      .whereIn('entity_ref', refs)
      .where('status', 'open')
      .groupBy('entity_ref', 'severity')
      .select('entity_ref', 'severity', this.db.raw('COUNT(*) AS n'));
  }

  /** How many incidents each entity opened after `since`. */
  private incidentCountsSince(
    refs: string[],
    since: number,
  ): Promise<IncidentCountRow[]> {
    return this.db('incidents')
      .whereIn('entity_ref', refs)
      .where('opened_at', '>', since)
      .groupBy('entity_ref')
      .select('entity_ref', this.db.raw('COUNT(*) AS n'));
  }

  /**
   * Active flags and the active flags that are stale: marked so by their
   * provider, or temporary and older than the lifetime of their type. Age is
   * judged now, not when the snapshot arrived.
   */
  private flagCounts(
    refs: string[],
    now: number,
    lifetimes: FlagLifetimesDays,
  ): Promise<FlagCountRow[]> {
    const { sql: stalePredicate, bindings } = staleFlagPredicate(
      now,
      lifetimes,
    );
    return this.db('flags')
      .whereIn('entity_ref', refs)
      .groupBy('entity_ref')
      .select(
        'entity_ref',
        this.db.raw('SUM(CASE WHEN active THEN 1 ELSE 0 END) AS active'),
        this.db.raw(
          `SUM(CASE WHEN active AND (${stalePredicate}) THEN 1 ELSE 0 END) AS stale_active`,
          bindings,
        ),
      );
  }
}
