import { Knex } from 'knex';
import {
  StoredPipelineGate,
  StoredPipelineRun,
} from '@internal/plugin-release-scorecard-common';
import {
  applyGateReports,
  GateEvidence,
  GateReportEvidence,
  mergePipelineRun,
  PipelineRunEvidence,
  WriteCounts,
} from '../evidence';
import { collapseByKey } from './collapseByKey';
import { PageRequest, StoredPage } from './pagination';
import { PipelineRunStore } from './PipelineRunStore';
import { retryingTransaction } from './retryingTransaction';
import { optional, PipelineRunRow, provenanceOf } from './rows';
import { selectNewestFirst } from './selectNewestFirst';
import { fromDbMillis, toIso } from './time';

type RunFields = Omit<PipelineRunEvidence, 'gates'>;

/** The columns of a run that its evidence sets, but for the gates. */
function runToRow(
  run: Omit<PipelineRunEvidence, 'gates'>,
): Omit<
  PipelineRunRow,
  'pk' | 'gates' | 'gate_reports' | 'received_at' | 'updated_at'
> {
  return {
    entity_ref: run.entityRef,
    external_id: run.id,
    source: run.source,
    revision: run.revision,
    version: run.version ?? null,
    branch: run.branch ?? null,
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
    url: run.url ?? null,
  };
}

function runKey(run: { entityRef: string; id: string }) {
  return `${run.entityRef}\u0000${run.id}`;
}

function runFromRow(row: PipelineRunRow): RunFields {
  return {
    entityRef: row.entity_ref,
    id: row.external_id,
    source: row.source,
    revision: row.revision,
    version: optional(row.version),
    branch: optional(row.branch),
    startedAt: Number(row.started_at),
    finishedAt: fromDbMillis(row.finished_at),
    url: optional(row.url),
  };
}

function runResponse(row: PipelineRunRow): StoredPipelineRun {
  const run = runFromRow(row);
  return {
    id: run.id,
    entityRef: run.entityRef,
    revision: run.revision,
    version: run.version,
    branch: run.branch,
    startedAt: toIso(run.startedAt),
    finishedAt: toIso(run.finishedAt),
    url: run.url,
    ...provenanceOf(row),
    gates: JSON.parse(row.gates) as StoredPipelineGate[],
  };
}

/**
 * The row of a new run: its fields, and its gates combined from the
 * reports it arrived with. The store and the bulk loader both insert these.
 */
export function newRunRow(
  run: RunFields,
  gates: GateEvidence[],
  now: number,
): Omit<PipelineRunRow, 'pk'> {
  const applied = applyGateReports({}, gates);
  return {
    ...runToRow(run),
    gates: JSON.stringify(applied.gates),
    gate_reports: JSON.stringify(applied.reports),
    received_at: now,
    updated_at: now,
  };
}

export class DatabasePipelineRunStore implements PipelineRunStore {
  constructor(private readonly db: Knex) {}

  async upsertPipelineRuns(
    runs: PipelineRunEvidence[],
    now: number,
  ): Promise<WriteCounts> {
    const incoming = collapseByKey(runs, runKey, (a, b) => ({
      ...mergePipelineRun(a, b),
      gates: [...a.gates, ...b.gates],
    }));
    return retryingTransaction(this.db, async tx => {
      let accepted = 0;
      let updated = 0;
      for (const run of incoming) {
        const { gates, ...fields } = run;
        const existing: PipelineRunRow | undefined = await tx('pipeline_runs')
          .where({ entity_ref: run.entityRef, external_id: run.id })
          .first()
          .forUpdate();
        if (existing) {
          const merged = mergePipelineRun(runFromRow(existing), fields);
          await this.updateRun(tx, existing, merged, gates, now);
          updated += 1;
        } else {
          await tx('pipeline_runs').insert(newRunRow(fields, gates, now));
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
    return retryingTransaction(this.db, async tx => {
      let accepted = 0;
      let updated = 0;
      for (const report of reports) {
        const run = await this.findRunForReport(tx, report);
        if (!run) {
          // No run yet: the report starts one, named by its run id or revision.
          await tx('pipeline_runs').insert(
            newRunRow(
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
            ),
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

  async listPipelineRuns(
    entityRef: string,
    page: PageRequest,
  ): Promise<StoredPage<StoredPipelineRun>> {
    const { rows, nextCursor } = await selectNewestFirst<
      PipelineRunRow,
      'started_at'
    >({
      db: this.db,
      table: 'pipeline_runs',
      timeColumn: 'started_at',
      entityRef,
      page,
    });
    return { items: rows.map(runResponse), nextCursor };
  }

  /** The run a report names by id, else the latest run of its revision. */
  private findRunForReport(
    tx: Knex.Transaction,
    report: GateReportEvidence,
  ): Promise<PipelineRunRow | undefined> {
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

  /**
   * Writes the merged run fields and adds gate reports to the run's own
   * (a newer report of a source replaces its older one). Returns how many of
   * the reports were re-deliveries.
   */
  private async updateRun(
    tx: Knex.Transaction,
    row: PipelineRunRow,
    fields: RunFields,
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
}
