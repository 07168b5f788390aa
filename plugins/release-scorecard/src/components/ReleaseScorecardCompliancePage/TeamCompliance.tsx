import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { ComplianceResponse } from '@internal/plugin-release-scorecard-common';
import {
  DataColumn,
  DataTable,
} from '@internal/plugin-release-scorecard-react';
import { ComplianceFilter } from '../../api';
import { formatPercentFigure } from '../../format';
import { RULE_STATUS_LABELS } from '../StatusChips';

type OwnerTotals = ComplianceResponse['owners'][number];

/** How the backend names the services without an owner. */
const UNOWNED = 'unowned';

/**
 * What the per-team figures are computed over, in words: the services the
 * filters select, every rule that applies to them, and — when a status
 * filter narrows the services — which teams that leaves out.
 */
export function teamComplianceBasis(
  filter: ComplianceFilter,
  serviceCount: number,
  ruleTitle: (ruleId: string) => string,
): string {
  const services = `${serviceCount} ${
    serviceCount === 1 ? 'service' : 'services'
  }`;
  const basis = `Passing or exempt, of every rule result of the ${services} that match the filters; no data counts as not passing.`;
  if (!filter.status) {
    return basis;
  }
  const status = RULE_STATUS_LABELS[filter.status];
  const narrowing = filter.rule
    ? `whose result for ${ruleTitle(filter.rule)} is ${status}`
    : `with at least one ${status} result`;
  return `${basis} Only services ${narrowing} are counted, so a team none of whose services is ${status} does not appear here.`;
}

/** Compliance per owning team over the filtered services, worst first. */
export function TeamCompliance(props: {
  owners: OwnerTotals[];
  serviceCount: number;
  filter: ComplianceFilter;
  ruleTitle: (ruleId: string) => string;
  ownerLabel: (ownerRef: string) => string;
  onSelectOwner: (ownerRef: string) => void;
}) {
  const { serviceCount, filter, ruleTitle, ownerLabel, onSelectOwner } = props;
  const owners = [...props.owners].sort(
    (a, b) =>
      (a.compliancePercent ?? 101) - (b.compliancePercent ?? 101) ||
      a.owner.localeCompare(b.owner),
  );
  const label = (owner: string) =>
    owner === UNOWNED ? 'No owner' : ownerLabel(owner);

  const columns: DataColumn<OwnerTotals>[] = [
    {
      title: 'Team',
      rowHeader: true,
      minWidth: 140,
      render: owner =>
        owner.owner === UNOWNED ? (
          label(owner.owner)
        ) : (
          <Link
            component="button"
            variant="body2"
            onClick={() => onSelectOwner(owner.owner)}
            aria-label={`Show the services of ${label(owner.owner)}`}
            style={{ textAlign: 'left' }}
          >
            {label(owner.owner)}
          </Link>
        ),
    },
    {
      title: 'Compliance',
      minWidth: 160,
      render: owner => (
        <Box display="flex" alignItems="center" gridGap={8}>
          <Box flexGrow={1}>
            <LinearProgress
              variant="determinate"
              value={owner.compliancePercent ?? 0}
              aria-label={`${label(owner.owner)} compliance`}
            />
          </Box>
          <Typography
            variant="body2"
            component="span"
            style={{ minWidth: 48, textAlign: 'right' }}
          >
            {formatPercentFigure(owner.compliancePercent)}
          </Typography>
        </Box>
      ),
    },
    {
      title: 'Failing',
      render: owner => owner.fail,
      align: 'right',
      noWrap: true,
    },
    {
      title: 'No data',
      render: owner => owner.noData,
      align: 'right',
      noWrap: true,
    },
  ];

  return (
    <InfoCard
      title="Compliance per team"
      subheader={teamComplianceBasis(filter, serviceCount, ruleTitle)}
    >
      {owners.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No service matches these filters, so there is no team to show.
        </Typography>
      ) : (
        <DataTable<OwnerTotals>
          columns={columns}
          rows={owners}
          rowKey={owner => owner.owner}
          ariaLabel="Compliance per team"
        />
      )}
    </InfoCard>
  );
}
