import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  EntityScorecard,
  RuleResult,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import {
  BreakableText,
  DataColumn,
  DataTable,
} from '@internal/plugin-release-scorecard-react';
import { describeFailingSince, explainFailingSince } from '../../failingSince';
import { countOf, formatDate, formatRuleActual } from '../../format';
import { Hint } from '../Hint';
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

/** One value, or one `fact: value` line per fact of a combined rule, in the facts' units. */
function ActualValue(props: { rule: RuleResult }) {
  const lines = formatRuleActual(props.rule);
  return (
    <>
      {lines.map((line, index) => (
        // Lines may read the same (two facts without data): keyed by position.
        <Typography key={index} variant="body2">
          <BreakableText text={line} />
        </Typography>
      ))}
    </>
  );
}

const columns: DataColumn<RuleResult>[] = [
  {
    title: 'Rule',
    minWidth: '14rem',
    width: '28%',
    rowHeader: true,
    render: rule => (
      <>
        <Typography variant="body2">{rule.title}</Typography>
        <Typography variant="caption" color="textSecondary">
          <BreakableText text={rule.id} /> · {rule.severity} · {rule.level} ·
          weight {rule.weight}
        </Typography>
      </>
    ),
  },
  {
    title: 'Status',
    minWidth: '8.5rem',
    render: rule => (
      <Box display="flex" flexDirection="column" alignItems="flex-start">
        <RuleStatusChip status={rule.status} />
        {rule.status === 'fail' && rule.failingSince && (
          <Typography variant="caption" color="textSecondary">
            <Hint title={explainFailingSince(rule.failingSince)}>
              {describeFailingSince(rule.failingSince)}
            </Hint>
          </Typography>
        )}
      </Box>
    ),
  },
  {
    title: 'Actual',
    minWidth: '7rem',
    render: rule => <ActualValue rule={rule} />,
  },
  {
    title: 'Expected',
    minWidth: '12rem',
    render: rule => (
      <Typography variant="body2">
        <BreakableText text={rule.expected} />
      </Typography>
    ),
  },
  {
    title: 'Why',
    minWidth: '14rem',
    width: '32%',
    render: rule => (
      <>
        <Typography variant="body2">
          <BreakableText text={rule.message} />
        </Typography>
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

/** `2 of 11 rules fail, 6 have no data`: what is not met, of the rules that apply. */
export function describeRuleCounts(rules: RuleResult[]): string | undefined {
  const applicable = rules.filter(rule => rule.status !== 'not-applicable');
  if (applicable.length === 0) {
    return undefined;
  }
  const failing = applicable.filter(rule => rule.status === 'fail').length;
  const noData = applicable.filter(rule => rule.status === 'no-data').length;
  const fails = `${failing} of ${countOf(applicable.length, 'rule')} ${
    failing === 1 ? 'fails' : 'fail'
  }`;
  return noData > 0
    ? `${fails}, ${noData} ${noData === 1 ? 'has' : 'have'} no data`
    : fails;
}

/**
 * Every rule of the scorecard with its status (and since when it fails), the
 * actual value against what the rule wants, in the facts' units, and the
 * exemption.
 */
export function RulesCard(props: {
  scorecard: EntityScorecard;
  levels?: string[];
}) {
  const { scorecard, levels } = props;
  return (
    <InfoCard
      title="Scorecard rules"
      subheader={describeRuleCounts(scorecard.rules)}
    >
      <Box marginBottom={2}>
        <ScoreSummary scorecard={scorecard} levels={levels} />
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
