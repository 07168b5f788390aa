import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DoraMetrics,
  DoraTier,
  formatFact,
} from '@internal/plugin-release-scorecard-common';
import { countOf, formatDuration, NO_VALUE } from '../../format';
import { Hint } from '../Hint';
import { TierChip } from '../StatusChips';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
    gap: theme.spacing(2),
    margin: 0,
    padding: 0,
  },
  figure: {
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
}));

export interface DoraFigure {
  metric: string;
  /** In the unit the rule rows use for the same fact (`12 / week`, `4 h`, `4.3%`). */
  value: string;
  /** What the figure rests on: `110 succeeded production deployments`. */
  detail: string;
  /** What is counted and how, shown on hover. */
  explanation: string;
  tier: DoraTier | null;
}

const hours = (seconds: number | null) =>
  seconds === null ? null : seconds / 3600;

/** The four DORA figures as they read: value, what it rests on, tier. */
export function doraFigures(dora: DoraMetrics): DoraFigure[] {
  const { deploymentFrequency, leadTime, changeFailureRate, recoveryTime } =
    dora;
  const window = `the last ${dora.windowDays} days`;
  // Without a production deployment there is nothing to measure a frequency
  // of: the backend gives no tier, and "0 / week" would read as a verdict.
  const hasDeployments = deploymentFrequency.deployments > 0;
  return [
    {
      metric: 'Deployment frequency',
      value: hasDeployments
        ? formatFact('dora.deploymentsPerWeek', deploymentFrequency.perWeek)
        : NO_VALUE,
      detail: hasDeployments
        ? countOf(
            deploymentFrequency.deployments,
            'succeeded production deployment',
          )
        : `no production deployment in ${window}`,
      explanation: `Production deployments that succeeded and finished in ${window}, per week. Without any there is no tier.`,
      tier: deploymentFrequency.tier,
    },
    {
      metric: 'Lead time for changes',
      value: formatFact(
        'dora.leadTimeMedianHours',
        hours(leadTime.medianSeconds),
      ),
      detail:
        leadTime.samples > 0
          ? `median of ${countOf(
              leadTime.samples,
              'commit',
            )}, p90 ${formatDuration(leadTime.p90Seconds)}`
          : 'no commits reported with deployments',
      explanation: `Median time from a commit to the first succeeded production deployment that shipped it, over the commits deployed in ${window}.`,
      tier: leadTime.tier,
    },
    {
      metric: 'Change failure rate',
      value: formatFact('dora.changeFailureRate', changeFailureRate.rate),
      detail:
        changeFailureRate.total > 0
          ? `${changeFailureRate.failed} of ${countOf(
              changeFailureRate.total,
              'production change',
            )} failed`
          : 'no production changes',
      explanation: `A change is a production deployment that finished in ${window}, whether it succeeded, failed or was rolled back (so there can be more changes than succeeded deployments). It failed when the deployment failed or was rolled back, or when an incident was attributed to it.`,
      tier: changeFailureRate.tier,
    },
    {
      metric: 'Recovery time',
      value: formatFact(
        'dora.recoveryTimeMedianHours',
        hours(recoveryTime.medianSeconds),
      ),
      detail:
        recoveryTime.samples > 0
          ? `median of ${countOf(recoveryTime.samples, 'resolved incident')}`
          : 'no incident resolved',
      explanation: `Median time from opening to resolving an incident, over the incidents resolved in ${window}.`,
      tier: recoveryTime.tier,
    },
  ];
}

export const OVERALL_TIER_EXPLANATION =
  'The overall tier is the worst of the four tiers: a service is as elite as its weakest metric. Without a production deployment in the window there is none.';

/** Deployment frequency, lead time, change failure rate and recovery time with their tiers. */
export function DoraFigures(props: { dora: DoraMetrics }) {
  const { dora } = props;
  const classes = useStyles();
  return (
    <section aria-label={`DORA metrics, last ${dora.windowDays} days`}>
      <Box display="flex" alignItems="center" gridGap={8} marginBottom={1}>
        <Typography variant="subtitle2" component="h3">
          DORA, last {dora.windowDays} days
        </Typography>
        <Typography variant="caption" color="textSecondary">
          <Hint title={OVERALL_TIER_EXPLANATION}>overall</Hint>
        </Typography>
        <TierChip tier={dora.overallTier} metric="Overall tier" />
      </Box>
      <ul className={classes.grid}>
        {doraFigures(dora).map(figure => (
          <li
            key={figure.metric}
            className={classes.figure}
            aria-label={`${figure.metric}: ${figure.value}, ${
              figure.tier ?? 'no tier'
            }`}
          >
            <Typography variant="caption" color="textSecondary">
              <Hint title={figure.explanation}>{figure.metric}</Hint>
            </Typography>
            <Typography variant="h6" component="p">
              {figure.value}
            </Typography>
            <TierChip tier={figure.tier} metric={figure.metric} />
            <Typography variant="caption" color="textSecondary">
              {figure.detail}
            </Typography>
          </li>
        ))}
      </ul>
    </section>
  );
}
