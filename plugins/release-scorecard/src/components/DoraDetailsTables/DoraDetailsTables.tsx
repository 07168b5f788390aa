import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  DoraChangeFailure,
  DoraDeploymentSample,
  DoraDetails,
  DoraLeadTimeSample,
  DoraRecoverySample,
} from '@internal/plugin-release-scorecard-common';
import {
  CursorPager,
  DataColumn,
  DataTable,
} from '@internal/plugin-release-scorecard-react';
import { ReactNode, useState } from 'react';
import { formatDateTime, formatDuration, shortSha } from '../../format';
import { DeploymentStatusChip } from '../DeploymentStatusChip';

const monospace = { fontFamily: 'monospace' };

/** A time column: dates and times stay on one line. */
const timeColumn = <T,>(
  title: string,
  time: (row: T) => string,
): DataColumn<T> => ({
  title,
  noWrap: true,
  render: row => formatDateTime(time(row)),
});

/** A deployment id column: ids are long tokens that must not break. */
const deploymentColumn = <
  T extends { deploymentId: string },
>(): DataColumn<T> => ({
  title: 'Deployment',
  noWrap: true,
  render: row => <span style={monospace}>{row.deploymentId}</span>,
});

const deploymentColumns: DataColumn<DoraDeploymentSample>[] = [
  timeColumn('Finished', sample => sample.finishedAt),
  deploymentColumn(),
];

const leadTimeColumns: DataColumn<DoraLeadTimeSample>[] = [
  {
    title: 'Commit',
    noWrap: true,
    render: sample => (
      <span style={monospace} title={sample.sha}>
        {shortSha(sample.sha)}
      </span>
    ),
  },
  timeColumn('Committed', sample => sample.committedAt),
  timeColumn('In production', sample => sample.finishedAt),
  {
    title: 'Lead time',
    noWrap: true,
    render: sample => formatDuration(sample.seconds),
  },
  deploymentColumn(),
];

const changeFailureColumns: DataColumn<DoraChangeFailure>[] = [
  timeColumn('Finished', failure => failure.finishedAt),
  deploymentColumn(),
  {
    title: 'Status',
    noWrap: true,
    render: failure => <DeploymentStatusChip status={failure.status} />,
  },
  {
    title: 'Why it counts as failed',
    minWidth: '14rem',
    render: failure =>
      [
        failure.failedByStatus ? `the deployment ${failure.status}` : undefined,
        ...failure.incidents.map(
          incident =>
            `incident ${incident.incidentId} (${
              incident.attributedBy === 'deploymentId'
                ? 'names this deployment'
                : 'opened soon after it'
            })`,
        ),
      ]
        .filter(Boolean)
        .join('; '),
  },
];

const recoveryColumns: DataColumn<DoraRecoverySample>[] = [
  {
    title: 'Incident',
    noWrap: true,
    render: row => <span style={monospace}>{row.incidentId}</span>,
  },
  timeColumn('Opened', sample => sample.openedAt),
  timeColumn('Resolved', sample => sample.resolvedAt),
  {
    title: 'Time to recover',
    noWrap: true,
    render: sample => formatDuration(sample.seconds),
  },
];

const PAGE_SIZE = 10;

/**
 * Newest first, ten at a time, with the pager every list of the plugin uses
 * (the records are all here, so its pages are slices).
 */
function DetailsTable<T>(props: {
  title: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: string;
}) {
  const { title, columns, rows, rowKey, empty } = props;
  const [page, setPage] = useState(0);
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {empty}
      </Typography>
    );
  }
  const pageCount = Math.ceil(rows.length / PAGE_SIZE);
  // A shorter window may leave fewer pages than the one that was shown.
  const current = Math.min(page, pageCount - 1);
  const items = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  return (
    <>
      <DataTable<T>
        columns={columns}
        rows={items}
        rowKey={rowKey}
        ariaLabel={title}
      />
      {pageCount > 1 && (
        <CursorPager
          pagination={{
            state: {
              loading: false,
              value: { items, totalCount: rows.length },
            },
            pageIndex: current,
            hasPrevious: current > 0,
            hasNext: current < pageCount - 1,
            next: () => setPage(current + 1),
            previous: () => setPage(current - 1),
          }}
          pageSize={PAGE_SIZE}
          label={`${title}: pages`}
        />
      )}
    </>
  );
}

const newestFirst = <T,>(rows: T[], time: (row: T) => string) =>
  [...rows].sort((a, b) => time(b).localeCompare(time(a)));

/**
 * The records behind each DORA figure: the deployments counted, the commits
 * and their lead time, the changes that failed and why, the recoveries.
 */
export function DoraDetailsTables(props: { details: DoraDetails }) {
  const { details } = props;
  const [selected, setSelected] = useState(0);
  const tabs: Array<{ label: string; content: ReactNode }> = [
    {
      label: `Deployments (${details.deployments.length})`,
      content: (
        <DetailsTable
          title="Deployments counted"
          columns={deploymentColumns}
          rows={newestFirst(details.deployments, row => row.finishedAt)}
          rowKey={row => row.deploymentId}
          empty="No succeeded production deployment in the window."
        />
      ),
    },
    {
      label: `Commits (${details.leadTimeSamples.length})`,
      content: (
        <DetailsTable
          title="Commits and their lead time"
          columns={leadTimeColumns}
          rows={newestFirst(details.leadTimeSamples, row => row.finishedAt)}
          rowKey={row => `${row.sha}:${row.deploymentId}`}
          empty="No deployment in the window reported its commits."
        />
      ),
    },
    {
      label: `Failed changes (${details.changeFailures.length} of ${details.changeCount})`,
      content: (
        <DetailsTable
          title="Failed changes"
          columns={changeFailureColumns}
          rows={newestFirst(details.changeFailures, row => row.finishedAt)}
          rowKey={row => row.deploymentId}
          empty="No production change failed in the window."
        />
      ),
    },
    {
      label: `Recoveries (${details.recoverySamples.length})`,
      content: (
        <DetailsTable
          title="Recoveries"
          columns={recoveryColumns}
          rows={newestFirst(details.recoverySamples, row => row.resolvedAt)}
          rowKey={row => `${row.incidentId}:${row.resolvedAt}`}
          empty="No incident was resolved in the window."
        />
      ),
    },
  ];
  return (
    <Box>
      <Tabs
        value={selected}
        onChange={(_event, value: number) => setSelected(value)}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        scrollButtons="auto"
        aria-label="Records behind the DORA figures"
      >
        {tabs.map((tab, index) => (
          <Tab
            key={tab.label}
            label={tab.label}
            id={`dora-details-tab-${index}`}
            aria-controls={`dora-details-panel-${index}`}
          />
        ))}
      </Tabs>
      <Box
        key={selected}
        role="tabpanel"
        id={`dora-details-panel-${selected}`}
        aria-labelledby={`dora-details-tab-${selected}`}
        paddingTop={2}
      >
        {tabs[selected].content}
      </Box>
    </Box>
  );
}
