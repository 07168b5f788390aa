import { useState } from 'react';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import FilterListIcon from '@material-ui/icons/FilterList';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { FlagListResponse } from '@internal/plugin-release-scorecard-common';

type OwnerCounts = FlagListResponse['owners'][number];

const TOP_TEAMS = 10;

const useStyles = makeStyles(theme => ({
  bar: {
    minWidth: 80,
    height: theme.spacing(1),
    borderRadius: theme.spacing(0.5),
  },
  barStale: {
    backgroundColor: theme.palette.warning.main,
  },
  owner: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

/** Teams with the most stale flags first, then the most flags. */
export function sortOwnersByStale(owners: OwnerCounts[]): OwnerCounts[] {
  return [...owners].sort(
    (a, b) =>
      b.stale - a.stale || b.total - a.total || a.owner.localeCompare(b.owner),
  );
}

/**
 * Stale and active flag counts per owning team over the whole filtered set,
 * with a bar of the stale share and a button to narrow the list to the team.
 */
export function StaleFlagsPerTeam(props: {
  owners: OwnerCounts[];
  onSelectOwner: (owner: string) => void;
}) {
  const classes = useStyles();
  const [expanded, setExpanded] = useState(false);
  const sorted = sortOwnersByStale(props.owners);
  const shown = expanded ? sorted : sorted.slice(0, TOP_TEAMS);

  return (
    <InfoCard title="Stale flags per team">
      {sorted.length === 0 ? (
        <Typography variant="body2">No flags match the filters.</Typography>
      ) : (
        <Table size="small" aria-label="Stale flags per team">
          <TableHead>
            <TableRow>
              <TableCell>Team</TableCell>
              <TableCell align="right">Stale</TableCell>
              <TableCell align="right">Active</TableCell>
              <TableCell align="right">Total</TableCell>
              <TableCell>Stale share</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(row => {
              const share = row.total > 0 ? (100 * row.stale) / row.total : 0;
              return (
                <TableRow key={row.owner}>
                  <TableCell>
                    <span className={classes.owner}>
                      {row.owner ? (
                        <EntityRefLink entityRef={row.owner} />
                      ) : (
                        'No owner'
                      )}
                      {row.owner && (
                        <Tooltip title="Show only this team's flags">
                          <IconButton
                            size="small"
                            aria-label={`Show only the flags of ${row.owner}`}
                            onClick={() => props.onSelectOwner(row.owner)}
                          >
                            <FilterListIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      )}
                    </span>
                  </TableCell>
                  <TableCell align="right">{row.stale}</TableCell>
                  <TableCell align="right">{row.active}</TableCell>
                  <TableCell align="right">{row.total}</TableCell>
                  <TableCell>
                    <LinearProgress
                      variant="determinate"
                      value={share}
                      aria-label={`${row.stale} of ${row.total} flags of ${row.owner} are stale`}
                      classes={{
                        root: classes.bar,
                        bar: classes.barStale,
                      }}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {sorted.length > TOP_TEAMS && (
        <Button size="small" onClick={() => setExpanded(!expanded)}>
          {expanded
            ? `Show the top ${TOP_TEAMS}`
            : `Show all ${sorted.length} teams`}
        </Button>
      )}
    </InfoCard>
  );
}
