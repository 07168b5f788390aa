/*
 * Evidence as the backend handles it (the wire records with times as epoch
 * milliseconds and the source attached), and how a delivery merges with what
 * is stored. Pure: ingestion and the database layer both build on it.
 */
export type {
  CommitEvidence,
  DeploymentEvidence,
  DeploymentPatchEvidence,
  FlagSnapshotEvidence,
  GateEvidence,
  GateReportEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
  WriteCounts,
} from './types';
export {
  applyDeploymentPatch,
  applyGateReports,
  deploymentFromPatch,
  mergeDeployment,
  mergeIncident,
  mergePipelineRun,
} from './merge';
