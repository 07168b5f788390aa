import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import TablePagination from '@material-ui/core/TablePagination';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  DoraChangeFailure,
  DoraDeploymentSample,
  DoraDetails,
  DoraLeadTimeSample,
  DoraRecoverySample,
} from '@internal/plugin-release-scorecard-common';
import { ReactNode, useState } from 'react';
import { formatDateTime, formatDuration, shortSha } from '../../format';
import { DataColumn, DataTable } from '../DataTable';
import { DeploymentStatusChip } from '../DeploymentStatusChip';

const monospace = { fontFamily: 'monospace' };

const deploymentColumns: DataColumn<DoraDeploymentSample>[] = [
  {
    title: 'Finished',
    render: sample => formatDateTime(sample.finishedAt),
  },
  {
    title: 'Deployment',
    render: row => <span style={monospace}>{row.deploymentId}</span>,
  },
];

const leadTimeColumns: DataColumn<DoraLeadTimeSample>[] = [
  {
    title: 'Commit',
    render: sample => (
      <span style={monospace} title={sample.sha}>
        {shortSha(sample.sha)}
      </span>
    ),
  },
  {
    title: 'Committed',
    render: sample => formatDateTime(sample.committedAt),
  },
  {
    title: 'In production',
    render: sample => formatDateTime(sample.finishedAt),
  },
  {
    title: 'Lead time',
    render: sample => formatDuration(sample.seconds),
  },
  {
    title: 'Deployment',
    render: row => <span style={monospace}>{row.deploymentId}</span>,
  },
];

const changeFailureColumns: DataColumn<DoraChangeFailure>[] = [
  {
    title: 'Finished',
    render: failure => formatDateTime(failure.finishedAt),
  },
  {
    title: 'Deployment',
    render: row => <span style={monospace}>{row.deploymentId}</span>,
  },
  {
    title: 'Status',
    render: failure => <DeploymentStatusChip status={failure.status} />,
  },
  {
    title: 'Why it counts as failed',
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
    render: row => <span style={monospace}>{row.incidentId}</span>,
  },
  {
    title: 'Opened',
    render: sample => formatDateTime(sample.openedAt),
  },
  {
    title: 'Resolved',
    render: sample => formatDateTime(sample.resolvedAt),
  },
  {
    title: 'Time to recover',
    render: sample => formatDuration(sample.seconds),
  },
];

const PAGE_SIZE = 10;

/** Newest first, ten at a time. */
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
  return (
    <>
      <DataTable<T>
        columns={columns}
        rows={rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)}
        rowKey={rowKey}
        ariaLabel={title}
      />
      {rows.length > PAGE_SIZE && (
        <TablePagination
          component="div"
          count={rows.length}
          page={page}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[PAGE_SIZE]}
          onPageChange={(_event, next) => setPage(next)}
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
          rowKey={row => row.incidentId}
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
