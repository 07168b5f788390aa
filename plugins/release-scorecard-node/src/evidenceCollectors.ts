import {
  Deployment,
  FeatureFlag,
  Incident,
  IngestResponse,
  PipelineRun,
} from '@internal/plugin-release-scorecard-common';

/**
 * The push API's ingestion, for modules: the same validation, merging and
 * storage as `POST /api/release-scorecard/ingest/…`, without HTTP. Throws
 * an InputError naming the field for a record the push API would refuse.
 *
 * @public
 */
export interface EvidenceIngest {
  ingestDeployments(
    body: { deployments: Deployment[] },
    source: string,
  ): Promise<IngestResponse>;
  ingestPipelineRuns(
    body: { runs: PipelineRun[] },
    source: string,
  ): Promise<IngestResponse>;
  ingestIncidents(
    body: { incidents: Incident[] },
    source: string,
  ): Promise<IngestResponse>;
  ingestFlagSnapshot(
    body: { entityRef: string; provider: string; flags: FeatureFlag[] },
    source: string,
  ): Promise<IngestResponse>;
}

/**
 * A collector's own small state, kept in the plugin's database across
 * restarts and shared by replicas: where a poller got to, when a backfill
 * last ran.
 *
 * @public
 */
export interface EvidenceCollectorState {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** What the plugin hands an evidence collector when the backend has started. */
export interface EvidenceCollectorContext {
  ingest: EvidenceIngest;
  state: EvidenceCollectorState;
  /**
   * Re-evaluates every scorecard as of `at` (default: now), e.g. after a
   * backfill, so that the history of rule statuses shows the change at the
   * time it happened.
   */
  evaluateAll(options?: { at?: Date }): Promise<void>;
}

/**
 * Something that brings evidence in on its own, rather than being called
 * by a tool: a poller of a CI server's API, a backfill, the demo data. The
 * plugin starts each collector once the backend is up; a collector schedules
 * its own work with the scheduler service and sends records through
 * `context.ingest`.
 *
 * @public
 */
export interface EvidenceCollector {
  /** Unique id, e.g. `demo-data`. */
  id: string;
  start(context: EvidenceCollectorContext): Promise<void>;
}
