import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { RuleStatus } from '@internal/plugin-release-scorecard-common';
import { ReactElement } from 'react';
import { StatusChip } from './StatusChip';
import { RULE_STATUS_COLORS } from './statusColors';

export const RULE_STATUS_LABELS: Record<RuleStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  exempt: 'Exempt',
  'no-data': 'No data',
  'not-applicable': 'Not applicable',
};

const RULE_STATUS_ICONS: Record<RuleStatus, ReactElement> = {
  pass: <CheckCircleIcon />,
  fail: <CancelIcon />,
  exempt: <VerifiedUserIcon />,
  'no-data': <HelpOutlineIcon />,
  'not-applicable': <RemoveCircleOutlineIcon />,
};

/** The icon of a rule status, in its colour, for dense views such as the matrix. */
export function RuleStatusIcon(props: { status: RuleStatus; label: string }) {
  const { status, label } = props;
  const icon = RULE_STATUS_ICONS[status];
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      style={{
        color: RULE_STATUS_COLORS[status],
        display: 'inline-flex',
        opacity: status === 'not-applicable' ? 0.6 : 1,
      }}
    >
      {icon}
    </span>
  );
}

export function RuleStatusChip(props: { status: RuleStatus }) {
  const { status } = props;
  return (
    <StatusChip
      label={RULE_STATUS_LABELS[status]}
      icon={RULE_STATUS_ICONS[status]}
      color={
        status === 'not-applicable' ? undefined : RULE_STATUS_COLORS[status]
      }
    />
  );
}
