import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RULE_STATUSES } from '@internal/plugin-release-scorecard-common';
import { BAD, GOOD, RULE_STATUS_LABELS, RuleStatusIcon } from '../StatusChips';
import { changeTint } from './ComplianceMatrix';

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: theme.spacing(2.5),
    rowGap: theme.spacing(1),
    margin: 0,
    padding: theme.spacing(1, 2),
    listStyle: 'none',
  },
  item: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    whiteSpace: 'nowrap',
    '& svg': {
      fontSize: '1.25rem',
    },
  },
  swatch: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: 28,
    height: 22,
    fontSize: '0.7rem',
    fontWeight: 700,
    borderRadius: 2,
  },
  worse: { ...changeTint(theme, 'worse'), color: BAD },
  better: { ...changeTint(theme, 'better'), color: GOOD },
}));

/** What the icons, dashes and tints of the matrix mean. */
export function ComplianceLegend() {
  const classes = useStyles();
  return (
    <ul className={classes.legend} aria-label="Legend of the matrix">
      {RULE_STATUSES.map(status => (
        <li key={status} className={classes.item}>
          <span aria-hidden>
            <RuleStatusIcon
              status={status}
              label={RULE_STATUS_LABELS[status]}
            />
          </span>
          <Typography variant="body2" component="span">
            {RULE_STATUS_LABELS[status]}
          </Typography>
        </li>
      ))}
      <li className={classes.item}>
        <span aria-hidden>—</span>
        <Typography variant="body2" component="span">
          Not evaluated yet
        </Typography>
      </li>
      <li className={classes.item}>
        <span className={`${classes.swatch} ${classes.worse}`} aria-hidden>
          ▼
        </span>
        <Typography variant="body2" component="span">
          Got worse in the last 7 days
        </Typography>
      </li>
      <li className={classes.item}>
        <span className={`${classes.swatch} ${classes.better}`} aria-hidden>
          ▲
        </span>
        <Typography variant="body2" component="span">
          Got better in the last 7 days
        </Typography>
      </li>
    </ul>
  );
}
