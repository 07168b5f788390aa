import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  EntityScorecard,
  RuleResult,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import { formatActual, formatDate } from '../../format';
import { BreakableText } from '../BreakableText';
import { DataColumn, DataTable } from '../DataTable';
import { RuleStatusChip } from '../StatusChips';
import { ScoreSummary } from '../ScoreSummary';

/** Failures first, then what lacks data, then the rest. */
const STATUS_ORDER: Record<RuleStatus, number> = {
  fail: 0,
  'no-data': 1,
  exempt: 2,
  pass: 3,
  'not-applicable': 4,
};

export function sortRuleResults(rules: RuleResult[]): RuleResult[] {
  return [...rules].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      Number(b.severity === 'blocking') - Number(a.severity === 'blocking') ||
      a.title.localeCompare(b.title),
  );
}

/** One value, or one `fact: value` line per fact of a combined rule. */
function ActualValue(props: { actual: RuleResult['actual'] }) {
  const { actual } = props;
  const lines =
    actual !== null && typeof actual === 'object' && !Array.isArray(actual)
      ? Object.entries(actual).map(([fact, value]) =>
          formatActual({ [fact]: value }),
        )
      : [formatActual(actual)];
  return (
    <>
      {lines.map(line => (
        <Typography
          key={line}
          variant="body2"
          style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
        >
          <BreakableText text={line} />
        </Typography>
      ))}
    </>
  );
}

const columns: DataColumn<RuleResult>[] = [
  {
    title: 'Rule',
    width: '28%',
    render: rule => (
      <>
        <Typography variant="body2">{rule.title}</Typography>
        <Typography variant="caption" color="textSecondary">
          {rule.id} · {rule.severity} · {rule.level} · weight {rule.weight}
        </Typography>
      </>
    ),
  },
  {
    title: 'Status',
    render: rule => <RuleStatusChip status={rule.status} />,
  },
  {
    title: 'Actual',
    render: rule => <ActualValue actual={rule.actual} />,
  },
  {
    title: 'Expected',
    render: rule => (
      <Typography
        variant="body2"
        style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
      >
        <BreakableText text={rule.expected} />
      </Typography>
    ),
  },
  {
    title: 'Why',
    width: '32%',
    render: rule => (
      <>
        <Typography variant="body2">{rule.message}</Typography>
        {rule.exemption && (
          <Typography variant="caption" color="textSecondary" component="p">
            Exempt: {rule.exemption.reason}
            {rule.exemption.expires
              ? ` (until ${formatDate(rule.exemption.expires)})`
              : ' (no expiry)'}
          </Typography>
        )}
      </>
    ),
  },
];

/** Every rule of the scorecard with its status, actual against expected value and exemption. */
export function RulesCard(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  const failing = scorecard.rules.filter(rule => rule.status === 'fail').length;
  return (
    <InfoCard
      title="Scorecard rules"
      subheader={
        scorecard.rules.length === 0
          ? undefined
          : `${failing} of ${scorecard.rules.length} rules fail`
      }
    >
      <Box marginBottom={2}>
        <ScoreSummary score={scorecard.score} level={scorecard.level} />
      </Box>
      {scorecard.rules.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          The scorecard has not been evaluated for this entity yet.
        </Typography>
      ) : (
        <DataTable<RuleResult>
          columns={columns}
          rows={sortRuleResults(scorecard.rules)}
          rowKey={rule => rule.id}
          ariaLabel="Scorecard rules"
        />
      )}
    </InfoCard>
  );
}
