import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DoraMetrics,
  DoraTier,
} from '@internal/plugin-release-scorecard-common';
import { formatDuration, formatPercent, formatPerWeek } from '../../format';
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
  value: string;
  detail: string;
  tier: DoraTier | null;
}

/** The four DORA figures as they read: value, what it rests on, tier. */
export function doraFigures(dora: DoraMetrics): DoraFigure[] {
  const { deploymentFrequency, leadTime, changeFailureRate, recoveryTime } =
    dora;
  return [
    {
      metric: 'Deployment frequency',
      value: formatPerWeek(deploymentFrequency.perWeek),
      detail: `${deploymentFrequency.deployments} production deployments`,
      tier: deploymentFrequency.tier,
    },
    {
      metric: 'Lead time for changes',
      value: formatDuration(leadTime.medianSeconds),
      detail:
        leadTime.samples > 0
          ? `median of ${leadTime.samples} commits, p90 ${formatDuration(
              leadTime.p90Seconds,
            )}`
          : 'no commits reported with deployments',
      tier: leadTime.tier,
    },
    {
      metric: 'Change failure rate',
      value: formatPercent(changeFailureRate.rate, 1),
      detail:
        changeFailureRate.total > 0
          ? `${changeFailureRate.failed} of ${changeFailureRate.total} changes failed`
          : 'no production changes',
      tier: changeFailureRate.tier,
    },
    {
      metric: 'Recovery time',
      value: formatDuration(recoveryTime.medianSeconds),
      detail:
        recoveryTime.samples > 0
          ? `median of ${recoveryTime.samples} resolved incidents`
          : 'no incident resolved',
      tier: recoveryTime.tier,
    },
  ];
}

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
              {figure.metric}
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
