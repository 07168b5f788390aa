import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ComplianceResponse } from '@internal/plugin-release-scorecard-common';
import { formatPercentFigure } from '../../format';

type OwnerTotals = ComplianceResponse['owners'][number];

/** Compliance per owning team over the filtered services, worst first. */
export function TeamCompliance(props: {
  owners: OwnerTotals[];
  ownerLabel: (ownerRef: string) => string;
  onSelectOwner: (ownerRef: string) => void;
}) {
  const { ownerLabel, onSelectOwner } = props;
  const owners = [...props.owners].sort(
    (a, b) =>
      (a.compliancePercent ?? 101) - (b.compliancePercent ?? 101) ||
      a.owner.localeCompare(b.owner),
  );
  return (
    <InfoCard
      title="Compliance per team"
      subheader="Passing or exempt, of the rule results that have data"
    >
      {owners.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No team owns a service in this view.
        </Typography>
      ) : (
        <Table size="small" aria-label="Compliance per team">
          <TableHead>
            <TableRow>
              <TableCell scope="col">Team</TableCell>
              <TableCell scope="col">Compliance</TableCell>
              <TableCell scope="col" align="right">
                Failing
              </TableCell>
              <TableCell scope="col" align="right">
                No data
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {owners.map(owner => (
              <TableRow key={owner.owner}>
                <TableCell component="th" scope="row">
                  <Link
                    component="button"
                    variant="body2"
                    onClick={() => onSelectOwner(owner.owner)}
                    aria-label={`Show the services of ${ownerLabel(
                      owner.owner,
                    )}`}
                  >
                    {ownerLabel(owner.owner)}
                  </Link>
                </TableCell>
                <TableCell style={{ minWidth: 160 }}>
                  <Box display="flex" alignItems="center" gridGap={8}>
                    <Box flexGrow={1}>
                      <LinearProgress
                        variant="determinate"
                        value={owner.compliancePercent ?? 0}
                        aria-label={`${ownerLabel(owner.owner)} compliance`}
                      />
                    </Box>
                    <Typography
                      variant="body2"
                      style={{ minWidth: 48, textAlign: 'right' }}
                    >
                      {formatPercentFigure(owner.compliancePercent)}
                    </Typography>
                  </Box>
                </TableCell>
                <TableCell align="right">{owner.fail}</TableCell>
                <TableCell align="right">{owner.noData}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
