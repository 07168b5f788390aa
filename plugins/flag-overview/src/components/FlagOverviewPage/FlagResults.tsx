import { useState } from 'react';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OrganizationFlag } from '@internal/plugin-release-scorecard-common';
import {
  CursorPager,
  DataColumn,
  DataTable,
  useCursorPagination,
} from '@internal/plugin-release-scorecard-react';
import { flagOverviewApiRef } from '../../api';
import {
  EnvironmentChips,
  FlagAge,
  FlagName,
  StaleBadge,
  providerTitle,
} from '../shared';
import { FlagFilters } from './flagFilters';
import { StaleFlagsPerTeam } from './StaleFlagsPerTeam';

export const PAGE_SIZES = [25, 50, 100];

const useStyles = makeStyles(theme => ({
  heading: {
    padding: theme.spacing(2, 2, 0),
  },
  loading: {
    minHeight: 4,
  },
}));

const columns: DataColumn<OrganizationFlag>[] = [
  {
    title: 'Flag',
    render: flag => <FlagName flag={flag} />,
    rowHeader: true,
    minWidth: 160,
  },
  {
    title: 'Entity',
    render: flag => (
      <EntityRefLink entityRef={flag.entityRef}>
        {flag.entityTitle}
      </EntityRefLink>
    ),
    minWidth: 140,
  },
  {
    title: 'Owner',
    render: flag =>
      flag.entityOwner ? (
        <EntityRefLink entityRef={flag.entityOwner} defaultKind="group" />
      ) : (
        '—'
      ),
    minWidth: 140,
  },
  {
    title: 'Provider',
    render: flag => providerTitle(flag.provider),
    noWrap: true,
  },
  { title: 'Type', render: flag => flag.type, noWrap: true },
  {
    title: 'Environments',
    render: flag => <EnvironmentChips environments={flag.environments} />,
    minWidth: 180,
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
 * One filtered result set: the summary per team and the paged flag table.
 * Mounted once per filter combination (keyed by the parent), so that paging
 * starts over when a filter changes.
 */
export function FlagResults(props: {
  filters: FlagFilters;
  onSelectOwner: (owner: string) => void;
}) {
  const { filters, onSelectOwner } = props;
  const classes = useStyles();
  const api = useApi(flagOverviewApiRef);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const pages = useCursorPagination(
    cursor => api.listFlags({ ...filters, limit: pageSize, cursor }),
    JSON.stringify({ filters, pageSize }),
  );
  const { value, loading, error } = pages.state;

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return <Progress />;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <StaleFlagsPerTeam
          owners={value.owners}
          onSelectOwner={onSelectOwner}
        />
      </Grid>
      <Grid item xs={12}>
        <Paper>
          <Typography variant="h5" component="h2" className={classes.heading}>
            Flags ({value.totalCount})
          </Typography>
          <div className={classes.loading}>{loading && <Progress />}</div>
          <DataTable<OrganizationFlag>
            columns={columns}
            rows={value.items}
            rowKey={flag => `${flag.entityRef}/${flag.provider}/${flag.key}`}
            ariaLabel="Flags"
            empty="No flags match the filters."
          />
          <CursorPager
            pagination={pages}
            pageSize={pageSize}
            label="Flags: pages"
            pageSizeOptions={PAGE_SIZES}
            onPageSizeChange={setPageSize}
          />
        </Paper>
      </Grid>
    </Grid>
  );
}
