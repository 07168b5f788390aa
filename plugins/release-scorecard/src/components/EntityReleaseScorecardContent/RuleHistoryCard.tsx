import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import {
  EntityScorecard,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';
import { releaseScorecardApiRef } from '../../api';
import { formatDateTime, formatRelativeTime } from '../../format';
import { CursorPagedTable, useCursorPagination } from '../CursorPager';
import { DataColumn } from '../DataTable';
import { RuleStatusChip } from '../StatusChips';

const PAGE_SIZE = 10;

/** How each rule's status changed over time, newest first. */
export function RuleHistoryCard(props: {
  entityRef: string;
  scorecard: EntityScorecard;
}) {
  const { entityRef, scorecard } = props;
  const api = useApi(releaseScorecardApiRef);
  const pages = useCursorPagination(
    cursor => api.getHistory(entityRef, { limit: PAGE_SIZE, cursor }),
    entityRef,
  );
  const titleOf = (ruleId: string) =>
    scorecard.rules.find(rule => rule.id === ruleId)?.title ?? ruleId;

  const columns: DataColumn<RuleStatusChange>[] = [
    {
      title: 'When',
      render: change => (
        <Typography variant="body2" title={formatDateTime(change.changedAt)}>
          {formatRelativeTime(change.changedAt)}
        </Typography>
      ),
    },
    {
      title: 'Rule',
      render: change => (
        <Typography variant="body2">{titleOf(change.ruleId)}</Typography>
      ),
    },
    {
      title: 'From',
      render: change =>
        change.from ? (
          <RuleStatusChip status={change.from} />
        ) : (
          <Typography variant="caption" color="textSecondary">
            first evaluation
          </Typography>
        ),
    },
    { title: 'To', render: change => <RuleStatusChip status={change.to} /> },
  ];

  return (
    <InfoCard
      title="Rule history"
      subheader="Changes of rule status, newest first"
    >
      <CursorPagedTable<RuleStatusChange>
        pages={pages}
        columns={columns}
        pageSize={PAGE_SIZE}
        title="Rule status changes"
        rowKey={change => `${change.ruleId}:${change.changedAt}`}
        empty={
          <Typography variant="body2" color="textSecondary">
            No rule has changed status yet.
          </Typography>
        }
      />
    </InfoCard>
  );
}
