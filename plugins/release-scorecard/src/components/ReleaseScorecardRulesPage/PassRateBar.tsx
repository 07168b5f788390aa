import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ComplianceTotals } from '@internal/plugin-release-scorecard-common';
import { formatPercentFigure } from '../../format';

/**
 * `9 of 12 pass (1 exempt) · 1 without data · 2 not applicable`: the counts
 * behind a pass rate. Services without data are in the denominator: a rule
 * nobody can check is not met (docs/scoring.md).
 */
export function passRateCounts(totals: ComplianceTotals): string {
  const passing = totals.pass + totals.exempt;
  const counted = passing + totals.fail + totals.noData;
  return [
    `${passing} of ${counted} pass${
      totals.exempt > 0 ? ` (${totals.exempt} exempt)` : ''
    }`,
    totals.noData > 0 ? `${totals.noData} without data` : undefined,
    totals.notApplicable > 0
      ? `${totals.notApplicable} not applicable`
      : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** How many of the services a rule applies to pass it: a bar, the figure and the counts. */
export function PassRateBar(props: {
  ruleTitle: string;
  totals: ComplianceTotals | null;
}) {
  const { ruleTitle, totals } = props;
  if (!totals) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not evaluated yet
      </Typography>
    );
  }
  return (
    <Box minWidth={180}>
      <Box display="flex" alignItems="center" gridGap={8}>
        <Box flexGrow={1}>
          <LinearProgress
            variant="determinate"
            value={totals.compliancePercent ?? 0}
            aria-label={`${ruleTitle} pass rate`}
          />
        </Box>
        <Typography
          variant="body2"
          component="span"
          style={{ minWidth: 48, textAlign: 'right' }}
        >
          {formatPercentFigure(totals.compliancePercent)}
        </Typography>
      </Box>
      <Typography variant="caption" color="textSecondary">
        {passRateCounts(totals)}
      </Typography>
    </Box>
  );
}
