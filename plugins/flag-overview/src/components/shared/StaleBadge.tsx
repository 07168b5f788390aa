import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  stale: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.getContrastText(theme.palette.warning.main),
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/**
 * A "stale" chip whose tooltip gives the reason. It takes keyboard focus so
 * that the tooltip (and its aria-describedby) also opens without a mouse.
 */
export function StaleBadge(props: { stale: boolean; reason?: string }) {
  const classes = useStyles();
  if (!props.stale) {
    return null;
  }
  const reason = props.reason || 'The provider marks this flag stale';
  return (
    <Tooltip title={reason}>
      <Chip size="small" label="stale" className={classes.stale} tabIndex={0} />
    </Tooltip>
  );
}
