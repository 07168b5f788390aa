import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import {
  GateMetrics,
  ReadinessGate,
} from '@internal/plugin-release-scorecard-common';
import { describeGateMetrics, gateLabel } from '../../gates';
import { StatusChip } from './StatusChip';
import { BAD, GOOD, WARNING } from './statusColors';

type GateStatus = ReadinessGate['status'];

const GATE_LOOKS: Record<
  GateStatus,
  { color?: string; icon: JSX.Element; word: string }
> = {
  passed: { color: GOOD, icon: <CheckCircleIcon />, word: 'passed' },
  failed: { color: BAD, icon: <CancelIcon />, word: 'failed' },
  skipped: { icon: <RemoveCircleOutlineIcon />, word: 'skipped' },
  // Metrics arrived (coverage) but no tool said whether the gate passed.
  'no-verdict': {
    color: WARNING,
    icon: <HelpOutlineIcon />,
    word: 'no verdict',
  },
  missing: { color: WARNING, icon: <HelpOutlineIcon />, word: 'missing' },
};

/**
 * A quality gate with its key metric: `Unit tests · coverage 85%`. Links to
 * the gate's report when it has one.
 */
export function GateChip(props: {
  gate: string;
  status: GateStatus;
  metrics?: GateMetrics;
  url?: string;
}) {
  const { gate, status, metrics, url } = props;
  const look = GATE_LOOKS[status];
  const metric = describeGateMetrics(gate, metrics);
  const label = metric ? `${gateLabel(gate)} · ${metric}` : gateLabel(gate);
  const description = `${gateLabel(gate)} ${look.word}${
    metric ? `: ${metric}` : ''
  }`;
  return (
    <StatusChip
      label={label}
      color={look.color}
      icon={look.icon}
      title={description}
      ariaLabel={description}
      href={url}
    />
  );
}
