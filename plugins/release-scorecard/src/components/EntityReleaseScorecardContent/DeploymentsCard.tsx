import { Entity } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { StoredDeployment } from '@internal/plugin-release-scorecard-common';
import { releaseScorecardApiRef } from '../../api';
import {
  formatDateTime,
  formatDuration,
  formatRelativeTime,
  shortSha,
} from '../../format';
import {
  CursorPagedTable,
  DataColumn,
  useCursorPagination,
} from '@internal/plugin-release-scorecard-react';
import { DeploymentStatusChip } from '../DeploymentStatusChip';
import { EvidenceEmptyState } from '../EvidenceEmptyState';

const PAGE_SIZE = 20;

function durationSeconds(deployment: StoredDeployment): number | null {
  if (!deployment.finishedAt) {
    return null;
  }
  return (
    (Date.parse(deployment.finishedAt) - Date.parse(deployment.startedAt)) /
    1000
  );
}

const columns: DataColumn<StoredDeployment>[] = [
  {
    title: 'Started',
    noWrap: true,
    render: deployment => (
      <Typography variant="body2" title={formatDateTime(deployment.startedAt)}>
        {formatRelativeTime(deployment.startedAt)}
      </Typography>
    ),
  },
  {
    title: 'Environment',
    noWrap: true,
    render: deployment => deployment.environment,
  },
  {
    title: 'Version',
    noWrap: true,
    render: deployment => (
      <>
        <Typography variant="body2">{deployment.version ?? '—'}</Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          style={{ fontFamily: 'monospace' }}
          title={deployment.revision}
        >
          {shortSha(deployment.revision)}
        </Typography>
      </>
    ),
  },
  {
    title: 'Strategy',
    noWrap: true,
    render: deployment => (
      <>
        <Typography variant="body2">{deployment.strategy}</Typography>
        <Typography variant="caption" color="textSecondary">
          {deployment.gitops ? 'GitOps' : 'pushed by CI'}
        </Typography>
      </>
    ),
  },
  {
    title: 'Status',
    noWrap: true,
    render: deployment => <DeploymentStatusChip status={deployment.status} />,
  },
  {
    title: 'Duration',
    noWrap: true,
    render: deployment => formatDuration(durationSeconds(deployment)),
  },
  {
    title: 'Commits',
    align: 'right',
    noWrap: true,
    render: deployment => deployment.commits?.length ?? 0,
  },
  {
    title: 'Link',
    noWrap: true,
    render: deployment =>
      deployment.url ? (
        <Link to={deployment.url}>open</Link>
      ) : (
        <Typography variant="caption" color="textSecondary">
          via {deployment.source}
        </Typography>
      ),
  },
];

/** Every deployment of the entity, newest first, a page at a time. */
export function DeploymentsCard(props: { entity: Entity; entityRef: string }) {
  const { entity, entityRef } = props;
  const api = useApi(releaseScorecardApiRef);
  const pages = useCursorPagination(
    cursor => api.listDeployments(entityRef, { limit: PAGE_SIZE, cursor }),
    entityRef,
  );
  return (
    <InfoCard title="Deployment history">
      <CursorPagedTable<StoredDeployment>
        pages={pages}
        columns={columns}
        pageSize={PAGE_SIZE}
        title="Deployments"
        rowKey={deployment => deployment.id}
        empty={<EvidenceEmptyState entity={entity} evidence="deployments" />}
      />
    </InfoCard>
  );
}
