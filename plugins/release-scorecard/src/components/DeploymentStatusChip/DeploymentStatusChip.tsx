import {
  DeploymentStatus,
  IncidentSeverity,
} from '@internal/plugin-release-scorecard-common';
import { StatusChip, BAD, GOOD, NEUTRAL, WARNING } from '../StatusChips';

const DEPLOYMENT_LOOKS: Record<
  DeploymentStatus,
  { label: string; color: string }
> = {
  succeeded: { label: 'Succeeded', color: GOOD },
  failed: { label: 'Failed', color: BAD },
  'rolled-back': { label: 'Rolled back', color: WARNING },
  'in-progress': { label: 'In progress', color: NEUTRAL },
};

export function DeploymentStatusChip(props: { status: DeploymentStatus }) {
  const look = DEPLOYMENT_LOOKS[props.status];
  return <StatusChip label={look.label} color={look.color} />;
}

const SEVERITY_COLORS: Record<IncidentSeverity, string> = {
  sev1: BAD,
  sev2: WARNING,
  sev3: NEUTRAL,
  sev4: NEUTRAL,
};

export function IncidentSeverityChip(props: { severity: IncidentSeverity }) {
  return (
    <StatusChip
      label={props.severity.toUpperCase()}
      color={SEVERITY_COLORS[props.severity]}
    />
  );
}
