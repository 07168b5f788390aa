import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  EntityScorecard,
  ruleChangeDirection,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';
import {
  CursorPagedTable,
  DataColumn,
  useCursorPagination,
} from '@internal/plugin-release-scorecard-react';
import { releaseScorecardApiRef } from '../../api';
import { formatDateTime, formatRelativeTime } from '../../format';
import { RuleStatusChip } from '../StatusChips';

const PAGE_SIZE = 10;

/**
 * What a change means for the rule. A first evaluation that fails is named as
 * such: the rule may have failed long before anyone evaluated it. Fail and
 * no data both miss the rule, so a change between them is neither better nor
 * worse.
 */
export function describeStatusChange(
  change: Pick<RuleStatusChange, 'from' | 'to'>,
): string {
  if (change.from === null) {
    if (change.to === 'fail') {
      return 'already failing when first evaluated; it may have failed before';
    }
    if (change.to === 'no-data') {
      return 'no data since the first evaluation';
    }
    return 'first evaluation';
  }
  switch (ruleChangeDirection(change.from, change.to)) {
    case 'worse':
      return 'got worse';
    case 'better':
      return 'got better';
    default:
      return change.to === 'fail' || change.to === 'no-data'
        ? 'still not met'
        : 'still met';
  }
}

const columns = (
  titleOf: (ruleId: string) => string,
): DataColumn<RuleStatusChange>[] => [
  {
    title: 'When',
    noWrap: true,
    render: change => (
      <Typography variant="body2" title={formatDateTime(change.changedAt)}>
        {formatRelativeTime(change.changedAt)}
      </Typography>
    ),
  },
  {
    title: 'Rule',
    minWidth: '14rem',
    width: '40%',
    render: change => (
      <Typography variant="body2">{titleOf(change.ruleId)}</Typography>
    ),
  },
  {
    title: 'From',
    minWidth: '7rem',
    render: change =>
      change.from ? (
        <RuleStatusChip status={change.from} />
      ) : (
        <Typography variant="caption" color="textSecondary">
          not evaluated before
        </Typography>
      ),
  },
  {
    title: 'To',
    minWidth: '7rem',
    render: change => <RuleStatusChip status={change.to} />,
  },
  {
    title: 'What it means',
    minWidth: '12rem',
    render: change => (
      <Typography variant="body2">{describeStatusChange(change)}</Typography>
    ),
  },
];

/** How each rule's status changed over time, newest first; one rule at a time if chosen. */
export function RuleHistoryCard(props: {
  entityRef: string;
  scorecard: EntityScorecard;
  /** The rule whose history is shown; every rule when empty. */
  rule: string;
  onRuleChange: (rule: string) => void;
}) {
  const { entityRef, scorecard, rule, onRuleChange } = props;
  const api = useApi(releaseScorecardApiRef);
  const pages = useCursorPagination(
    cursor =>
      api.getHistory(
        entityRef,
        { limit: PAGE_SIZE, cursor },
        rule ? { rule } : undefined,
      ),
    `${entityRef}\n${rule}`,
  );
  const titleOf = (ruleId: string) =>
    scorecard.rules.find(item => item.id === ruleId)?.title ?? ruleId;
  const rules = [...scorecard.rules].sort((a, b) =>
    a.title.localeCompare(b.title),
  );
  // A rule named in the URL that the scorecard no longer has is still offered,
  // so that the select shows what is filtered.
  const known = !rule || rules.some(item => item.id === rule);

  return (
    <InfoCard
      title="Rule history"
      subheader="Changes of rule status, newest first"
    >
      <Box marginBottom={2} maxWidth={480}>
        <TextField
          select
          fullWidth
          size="small"
          variant="outlined"
          id="rule-history-rule"
          label="Rule"
          value={rule}
          onChange={event => onRuleChange(event.target.value)}
        >
          <MenuItem value="">All rules</MenuItem>
          {rules.map(item => (
            <MenuItem key={item.id} value={item.id}>
              {item.title}
            </MenuItem>
          ))}
          {!known && <MenuItem value={rule}>{rule}</MenuItem>}
        </TextField>
      </Box>
      <CursorPagedTable<RuleStatusChange>
        pages={pages}
        columns={columns(titleOf)}
        pageSize={PAGE_SIZE}
        title="Rule status changes"
        rowKey={change => `${change.ruleId}:${change.changedAt}`}
        empty={
          <Typography variant="body2" color="textSecondary">
            {rule
              ? 'This rule has not changed status yet.'
              : 'No rule has changed status yet.'}
          </Typography>
        }
      />
    </InfoCard>
  );
}
