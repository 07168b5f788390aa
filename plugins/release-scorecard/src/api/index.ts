export { releaseScorecardApiRef } from './ReleaseScorecardApi';
export type {
  ComplianceFilter,
  DoraWindowOptions,
  DeploymentFilter,
  HistoryFilter,
  IncidentFilter,
  PageOptions,
  ReleaseScorecardApi,
} from './ReleaseScorecardApi';
export { ReleaseScorecardClient } from './ReleaseScorecardClient';
