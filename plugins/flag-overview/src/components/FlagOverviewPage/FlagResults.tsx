import { useState } from 'react';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OrganizationFlag } from '@internal/plugin-release-scorecard-common';
import useAsync from 'react-use/esm/useAsync';
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

interface Paging {
  pageSize: number;
  /** cursors[i] fetches page i; page 0 has none. */
  cursors: Array<string | undefined>;
  index: number;
}

function FlagRow(props: { flag: OrganizationFlag }) {
  const { flag } = props;
  return (
    <TableRow>
      <TableCell>
        <FlagName flag={flag} />
      </TableCell>
      <TableCell>
        <EntityRefLink entityRef={flag.entityRef}>
          {flag.entityTitle}
        </EntityRefLink>
      </TableCell>
      <TableCell>
        {flag.entityOwner ? (
          <EntityRefLink entityRef={flag.entityOwner} defaultKind="group" />
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell>{providerTitle(flag.provider)}</TableCell>
      <TableCell>{flag.type}</TableCell>
      <TableCell>
        <EnvironmentChips environments={flag.environments} />
      </TableCell>
      <TableCell>
        <FlagAge createdAt={flag.createdAt} />
      </TableCell>
      <TableCell>
        {flag.archived && (
          <Typography variant="body2" color="textSecondary">
            archived
          </Typography>
        )}
        <StaleBadge stale={flag.stale} reason={flag.staleReason} />
      </TableCell>
    </TableRow>
  );
}

/**
 * One filtered result set: the summary per team and the paged flag table.
 * Mounted once per filter combination (keyed by the parent), so that paging
 * starts over when a filter changes.
 */
export function FlagResults(props: {
  filters: FlagFilters;
  onSelectOwner: (owner: string) => void;
}) {
  const classes = useStyles();
  const api = useApi(flagOverviewApiRef);
  const [paging, setPaging] = useState<Paging>({
    pageSize: PAGE_SIZES[0],
    cursors: [undefined],
    index: 0,
  });
  const cursor = paging.cursors[paging.index];
  const { value, loading, error } = useAsync(
    () => api.listFlags({ ...props.filters, limit: paging.pageSize, cursor }),
    [api, props.filters, paging.pageSize, cursor],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return <Progress />;
  }

  const changePage = (page: number) => {
    if (page === paging.index + 1 && value.nextCursor) {
      setPaging({
        ...paging,
        cursors: [...paging.cursors.slice(0, page), value.nextCursor],
        index: page,
      });
    } else if (page >= 0 && page < paging.index) {
      setPaging({ ...paging, index: page });
    }
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <StaleFlagsPerTeam
          owners={value.owners}
          onSelectOwner={props.onSelectOwner}
        />
      </Grid>
      <Grid item xs={12}>
        <Paper>
          <Typography variant="h5" component="h2" className={classes.heading}>
            Flags ({value.totalCount})
          </Typography>
          <div className={classes.loading}>{loading && <Progress />}</div>
          <TableContainer>
            <Table size="small" aria-label="Flags">
              <TableHead>
                <TableRow>
                  <TableCell>Flag</TableCell>
                  <TableCell>Entity</TableCell>
                  <TableCell>Owner</TableCell>
                  <TableCell>Provider</TableCell>
                  <TableCell>Type</TableCell>
                  <TableCell>Environments</TableCell>
                  <TableCell>Age</TableCell>
                  <TableCell>Status</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.items.length === 0 ? (
                  <TableRow>
                    <TableCell colSpan={8}>
                      No flags match the filters.
                    </TableCell>
                  </TableRow>
                ) : (
                  value.items.map(flag => (
                    <FlagRow
                      key={`${flag.entityRef}/${flag.provider}/${flag.key}`}
                      flag={flag}
                    />
                  ))
                )}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div"
            count={value.totalCount}
            page={paging.index}
            rowsPerPage={paging.pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_event, page) => changePage(page)}
            onRowsPerPageChange={event =>
              setPaging({
                pageSize: Number(event.target.value),
                cursors: [undefined],
                index: 0,
              })
            }
            nextIconButtonProps={{
              disabled: loading || !value.nextCursor,
            }}
            backIconButtonProps={{ disabled: loading || paging.index === 0 }}
          />
        </Paper>
      </Grid>
    </Grid>
  );
}
