export {
  DeploymentStatusChip,
  IncidentSeverityChip,
} from './DeploymentStatusChip';
