import { useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
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
  DataColumn,
  DataTable,
} from '@internal/plugin-release-scorecard-react';
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
  kind: {
    margin: 0,
  },
}));

/** Props of {@link EntityFlagsCard}. */
export interface EntityFlagsCardProps {
  title?: string;
  variant?: InfoCardVariants;
}

const flagColumns: DataColumn<StoredFeatureFlag>[] = [
  {
    title: 'Flag',
    render: flag => <FlagSummary flag={flag} />,
    rowHeader: true,
    minWidth: 150,
  },
  {
    title: 'Environments',
    render: flag => <EnvironmentChips environments={flag.environments} />,
    minWidth: 150,
  },
  {
    title: 'Age',
    render: flag => <FlagAge createdAt={flag.createdAt} />,
    noWrap: true,
  },
  {
    title: 'Status',
    render: flag => (
      <>
        {flag.archived && (
          <Typography variant="body2" color="textSecondary">
            archived
          </Typography>
        )}
        <StaleBadge stale={flag.stale} reason={flag.staleReason} />
      </>
    ),
    noWrap: true,
  },
];

/**
 * The flag with what kind of flag it is and where it lives underneath, so
 * that the card reads at half the page's width: four columns, not six.
 */
function FlagSummary(props: { flag: StoredFeatureFlag }) {
  const { flag } = props;
  const classes = useStyles();
  return (
    <>
      <FlagName flag={flag} />
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        className={classes.kind}
      >
        <span>{flag.type}</span>
        {flag.temporary ? '' : ' (permanent)'} ·{' '}
        <span>{providerTitle(flag.provider)}</span>
      </Typography>
    </>
  );
}

function FlagsTable(props: { flags: StoredFeatureFlag[] }) {
  return (
    <DataTable<StoredFeatureFlag>
      columns={flagColumns}
      rows={props.flags}
      rowKey={flag => `${flag.provider}/${flag.key}`}
      ariaLabel="Feature flags"
    />
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
