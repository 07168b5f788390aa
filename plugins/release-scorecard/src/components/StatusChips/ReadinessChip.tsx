import { ReadinessStatus } from '@internal/plugin-release-scorecard-common';
import { StatusChip } from './StatusChip';
import { BAD, GOOD } from './statusColors';

export const READINESS_LABELS: Record<ReadinessStatus, string> = {
  ready: 'Ready',
  blocked: 'Blocked',
  unknown: 'No data',
};

export function ReadinessChip(props: { status: ReadinessStatus }) {
  const { status } = props;
  const color = { ready: GOOD, blocked: BAD, unknown: undefined }[status];
  return <StatusChip label={READINESS_LABELS[status]} color={color} />;
}
