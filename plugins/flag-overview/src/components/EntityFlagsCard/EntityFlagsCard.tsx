import { useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { StoredFeatureFlag } from '@internal/plugin-release-scorecard-common';
import {
  EnvironmentChips,
  FlagAge,
  FlagName,
  StaleBadge,
  providerTitle,
  sortFlagsForReview,
} from '../shared';
import { FlagsEmptyState } from './FlagsEmptyState';
import { SnapshotAges, SnapshotErrors } from './SnapshotStatus';
import { useEntityFlags } from './useEntityFlags';

const useStyles = makeStyles(theme => ({
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  tableWrapper: {
    overflowX: 'auto',
  },
}));

/** Props of {@link EntityFlagsCard}. */
export interface EntityFlagsCardProps {
  title?: string;
  variant?: InfoCardVariants;
}

function FlagsTable(props: { flags: StoredFeatureFlag[] }) {
  const classes = useStyles();
  return (
    <div className={classes.tableWrapper}>
      <Table size="small" aria-label="Feature flags">
        <TableHead>
          <TableRow>
            <TableCell>Flag</TableCell>
            <TableCell>Environments</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Age</TableCell>
            <TableCell>Provider</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.flags.map(flag => (
            <TableRow key={`${flag.provider}/${flag.key}`}>
              <TableCell>
                <FlagName flag={flag} />
              </TableCell>
              <TableCell>
                <EnvironmentChips environments={flag.environments} />
              </TableCell>
              <TableCell>
                {flag.type}
                {flag.temporary ? '' : ' (permanent)'}
              </TableCell>
              <TableCell>
                <FlagAge createdAt={flag.createdAt} />
              </TableCell>
              <TableCell>{providerTitle(flag.provider)}</TableCell>
              <TableCell>
                {flag.archived && (
                  <Typography variant="body2" color="textSecondary">
                    archived
                  </Typography>
                )}
                <StaleBadge stale={flag.stale} reason={flag.staleReason} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * The feature flags of the current entity: the active ones by default (not
 * archived, on in at least one environment), stale first, oldest first.
 */
export function EntityFlagsCard(props: EntityFlagsCardProps) {
  const { title = 'Feature flags', variant } = props;
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useEntityFlags(entityRef);
  const [showAll, setShowAll] = useState(false);

  const sorted = useMemo(
    () => sortFlagsForReview(value?.flags ?? []),
    [value?.flags],
  );
  const active = sorted.filter(flag => flag.active);
  const shown = showAll ? sorted : active;
  const hiddenCount = sorted.length - active.length;

  const subheader = value && value.snapshots.length > 0 && (
    <SnapshotAges snapshots={value.snapshots} />
  );
  const action = value && sorted.length > 0 && (
    <FormControlLabel
      control={
        <Switch
          checked={showAll}
          onChange={event => setShowAll(event.target.checked)}
          color="primary"
        />
      }
      label="Show inactive flags"
    />
  );

  let content: JSX.Element;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || (sorted.length === 0 && value.snapshots.length === 0)) {
    content = <FlagsEmptyState entity={entity} />;
  } else {
    content = (
      <>
        <SnapshotErrors snapshots={value.snapshots} />
        <Typography variant="body2" color="textSecondary">
          {active.length} active of {sorted.length}{' '}
          {sorted.length === 1 ? 'flag' : 'flags'}
          {value.truncated && ' (only the first flags were loaded)'}
        </Typography>
        {shown.length > 0 ? (
          <FlagsTable flags={shown} />
        ) : (
          <Typography variant="body1">
            {sorted.length === 0
              ? 'The provider reported no flags for this entity.'
              : `No active flags; ${hiddenCount} archived or switched-off ${
                  hiddenCount === 1 ? 'flag is' : 'flags are'
                } hidden.`}
          </Typography>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title={title}
      subheader={subheader || undefined}
      action={action || undefined}
      variant={variant}
      actions={
        error ? (
          <Button size="small" onClick={retry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <div className={classes.content}>{content}</div>
    </InfoCard>
  );
}
