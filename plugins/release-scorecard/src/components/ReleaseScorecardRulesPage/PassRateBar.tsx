import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ComplianceTotals } from '@internal/plugin-release-scorecard-common';
import { formatPercentFigure } from '../../format';

/** How many of the judged services pass a rule: a bar, the figure and the counts. */
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
  const judged = totals.pass + totals.exempt + totals.fail;
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
          style={{ minWidth: 48, textAlign: 'right' }}
        >
          {formatPercentFigure(totals.compliancePercent)}
        </Typography>
      </Box>
      <Typography variant="caption" color="textSecondary">
        {totals.pass + totals.exempt} of {judged} pass
        {totals.exempt > 0 ? ` (${totals.exempt} exempt)` : ''}
        {totals.noData > 0 ? ` · ${totals.noData} no data` : ''}
        {totals.notApplicable > 0
          ? ` · ${totals.notApplicable} not applicable`
          : ''}
      </Typography>
    </Box>
  );
}
