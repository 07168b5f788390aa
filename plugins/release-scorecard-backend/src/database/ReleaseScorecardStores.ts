import { Knex } from 'knex';
import { CatalogMirrorStore } from './CatalogMirrorStore';
import { CollectorStateStore } from './CollectorStateStore';
import { ComplianceStore } from './ComplianceStore';
import { DatabaseCatalogMirrorStore } from './DatabaseCatalogMirrorStore';
import { DatabaseCollectorStateStore } from './DatabaseCollectorStateStore';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { DatabaseEvaluationQueueStore } from './DatabaseEvaluationQueueStore';
import { DatabaseFlagStore } from './DatabaseFlagStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseIngestDiagnosticsStore } from './DatabaseIngestDiagnosticsStore';
import { DatabasePipelineRunStore } from './DatabasePipelineRunStore';
import { DatabaseRetentionStore } from './DatabaseRetentionStore';
import { DatabaseScorecardResultStore } from './DatabaseScorecardResultStore';
import { DeploymentStore } from './DeploymentStore';
import { DoraQueries } from './DoraQueries';
import { EvaluationQueueStore } from './EvaluationQueueStore';
import { FactQueries } from './FactQueries';
import { FlagStore } from './FlagStore';
import { IncidentStore } from './IncidentStore';
import { IngestDiagnosticsStore } from './IngestDiagnosticsStore';
import { PipelineRunStore } from './PipelineRunStore';
import { RetentionStore } from './RetentionStore';
import { ScorecardResultStore } from './ScorecardResultStore';

/**
 * Every store of the plugin, one per aggregate, and the read queries that
 * span several (DORA evidence, the facts of rules). Services take the part
 * they use, e.g. `Pick<ReleaseScorecardStores, 'deployments'>`.
 */
export interface ReleaseScorecardStores {
  deployments: DeploymentStore;
  pipelineRuns: PipelineRunStore;
  incidents: IncidentStore;
  flags: FlagStore;
  ingestDiagnostics: IngestDiagnosticsStore;
  retention: RetentionStore;
  catalogMirror: CatalogMirrorStore;
  evaluationQueue: EvaluationQueueStore;
  scorecardResults: ScorecardResultStore;
  compliance: ComplianceStore;
  collectorState: CollectorStateStore;
  doraQueries: DoraQueries;
  factQueries: FactQueries;
}

/** The stores on the plugin's database; its schema must be migrated. */
export function createDatabaseStores(db: Knex): ReleaseScorecardStores {
  return {
    deployments: new DatabaseDeploymentStore(db),
    pipelineRuns: new DatabasePipelineRunStore(db),
    incidents: new DatabaseIncidentStore(db),
    flags: new DatabaseFlagStore(db),
    ingestDiagnostics: new DatabaseIngestDiagnosticsStore(db),
    retention: new DatabaseRetentionStore(db),
    catalogMirror: new DatabaseCatalogMirrorStore(db),
    evaluationQueue: new DatabaseEvaluationQueueStore(db),
    scorecardResults: new DatabaseScorecardResultStore(db),
    compliance: new DatabaseComplianceStore(db),
    collectorState: new DatabaseCollectorStateStore(db),
    doraQueries: new DoraQueries(db),
    factQueries: new FactQueries(db),
  };
}
