import { Entity } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { StoredIncident } from '@internal/plugin-release-scorecard-common';
import { releaseScorecardApiRef } from '../../api';
import {
  formatDateTime,
  formatDuration,
  formatRelativeTime,
} from '../../format';
import {
  CursorPagedTable,
  DataColumn,
  useCursorPagination,
} from '@internal/plugin-release-scorecard-react';
import { IncidentSeverityChip } from '../DeploymentStatusChip';
import { EvidenceEmptyState } from '../EvidenceEmptyState';
import { StatusChip, BAD } from '../StatusChips';

const PAGE_SIZE = 20;

const columns: DataColumn<StoredIncident>[] = [
  {
    title: 'Opened',
    noWrap: true,
    render: incident => (
      <Typography variant="body2" title={formatDateTime(incident.openedAt)}>
        {formatRelativeTime(incident.openedAt)}
      </Typography>
    ),
  },
  {
    title: 'Incident',
    width: '40%',
    minWidth: '14rem',
    render: incident => (
      <>
        <Typography variant="body2">
          {incident.url ? (
            <Link to={incident.url}>{incident.title}</Link>
          ) : (
            incident.title
          )}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {incident.id}
          {incident.deploymentId && ` · caused by ${incident.deploymentId}`}
        </Typography>
      </>
    ),
  },
  {
    title: 'Severity',
    noWrap: true,
    render: incident => <IncidentSeverityChip severity={incident.severity} />,
  },
  {
    title: 'Status',
    noWrap: true,
    render: incident =>
      incident.status === 'open' ? (
        <StatusChip label="Open" color={BAD} />
      ) : (
        <StatusChip label="Resolved" />
      ),
  },
  {
    title: 'Time to resolve',
    noWrap: true,
    render: incident =>
      incident.resolvedAt
        ? formatDuration(
            (Date.parse(incident.resolvedAt) - Date.parse(incident.openedAt)) /
              1000,
          )
        : `open for ${formatDuration(
            (Date.now() - Date.parse(incident.openedAt)) / 1000,
          )}`,
  },
];

/** Every incident of the entity, newest first, a page at a time. */
export function IncidentsCard(props: { entity: Entity; entityRef: string }) {
  const { entity, entityRef } = props;
  const api = useApi(releaseScorecardApiRef);
  const pages = useCursorPagination(
    cursor => api.listIncidents(entityRef, { limit: PAGE_SIZE, cursor }),
    entityRef,
  );
  return (
    <InfoCard title="Incidents">
      <CursorPagedTable<StoredIncident>
        pages={pages}
        columns={columns}
        pageSize={PAGE_SIZE}
        title="Incidents"
        rowKey={incident => incident.id}
        empty={<EvidenceEmptyState entity={entity} evidence="incidents" />}
      />
    </InfoCard>
  );
}
