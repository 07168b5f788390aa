import { useState } from 'react';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import FilterListIcon from '@material-ui/icons/FilterList';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { FlagListResponse } from '@internal/plugin-release-scorecard-common';
import {
  DataColumn,
  DataTable,
} from '@internal/plugin-release-scorecard-react';

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

function OwnerCell(props: {
  owner: string;
  onSelectOwner: (owner: string) => void;
}) {
  const { owner, onSelectOwner } = props;
  const classes = useStyles();
  if (!owner) {
    return <>No owner</>;
  }
  return (
    <span className={classes.owner}>
      <EntityRefLink entityRef={owner} />
      <Tooltip title="Show only this team's flags">
        <IconButton
          size="small"
          aria-label={`Show only the flags of ${owner}`}
          onClick={() => onSelectOwner(owner)}
        >
          <FilterListIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </span>
  );
}

function StaleShare(props: { row: OwnerCounts }) {
  const { row } = props;
  const classes = useStyles();
  const share = row.total > 0 ? (100 * row.stale) / row.total : 0;
  return (
    <LinearProgress
      variant="determinate"
      value={share}
      aria-label={`${row.stale} of ${row.total} flags of ${row.owner} are stale`}
      classes={{ root: classes.bar, bar: classes.barStale }}
    />
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
  const { onSelectOwner } = props;
  const [expanded, setExpanded] = useState(false);
  const sorted = sortOwnersByStale(props.owners);
  const shown = expanded ? sorted : sorted.slice(0, TOP_TEAMS);
  const columns: DataColumn<OwnerCounts>[] = [
    {
      title: 'Team',
      render: row => (
        <OwnerCell owner={row.owner} onSelectOwner={onSelectOwner} />
      ),
      rowHeader: true,
      minWidth: 180,
    },
    { title: 'Stale', render: row => row.stale, align: 'right', noWrap: true },
    {
      title: 'Active',
      render: row => row.active,
      align: 'right',
      noWrap: true,
    },
    { title: 'Total', render: row => row.total, align: 'right', noWrap: true },
    {
      title: 'Stale share',
      render: row => <StaleShare row={row} />,
      minWidth: 120,
    },
  ];

  return (
    <InfoCard title="Stale flags per team">
      {sorted.length === 0 ? (
        <Typography variant="body2">No flags match the filters.</Typography>
      ) : (
        <DataTable<OwnerCounts>
          columns={columns}
          rows={shown}
          rowKey={row => row.owner}
          ariaLabel="Stale flags per team"
        />
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
