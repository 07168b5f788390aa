import { StoredPipelineRun } from '@internal/plugin-release-scorecard-common';
import {
  GateReportEvidence,
  PipelineRunEvidence,
  WriteCounts,
} from '../evidence';
import { PageRequest, StoredPage } from './pagination';

/**
 * Pipeline runs with their gates, and the gate reports of other tools
 * (SonarQube, Trivy, JUnit, …) that join a run. Each write call is one
 * transaction: a batch is stored whole or not at all.
 */
export interface PipelineRunStore {
  /** Stores new runs and merges re-deliveries, adding their gate reports. */
  upsertPipelineRuns(
    runs: PipelineRunEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  /**
   * Adds each report to the run it names by id, else to the latest run of
   * its revision, else to a new run named by its run id or revision.
   */
  addGateReports(
    reports: GateReportEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  /** Newest first, with the effective gates of each run. */
  listPipelineRuns(
    entityRef: string,
    page: PageRequest,
  ): Promise<StoredPage<StoredPipelineRun>>;
}
