import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement } from 'react';

const useStyles = makeStyles(theme => ({
  chip: {
    color: '#fff',
    fontWeight: theme.typography.fontWeightMedium as number,
    margin: 0,
    '& svg': { color: '#fff' },
  },
  outlined: {
    fontWeight: theme.typography.fontWeightMedium as number,
    margin: 0,
  },
}));

/**
 * A small chip in a status colour with white text, or outlined in the theme's
 * text colour when `color` is not given (for statuses that are not a verdict).
 */
export function StatusChip(props: {
  label: string;
  color?: string;
  icon?: ReactElement;
  title?: string;
  ariaLabel?: string;
  href?: string;
}) {
  const { label, color, icon, title, ariaLabel, href } = props;
  const classes = useStyles();
  const link = href
    ? {
        component: 'a' as const,
        href,
        target: '_blank',
        rel: 'noopener noreferrer',
        clickable: true,
      }
    : {};
  return (
    <Chip
      size="small"
      label={label}
      icon={icon}
      title={title}
      aria-label={ariaLabel}
      variant={color ? 'default' : 'outlined'}
      className={color ? classes.chip : classes.outlined}
      style={color ? { backgroundColor: color } : undefined}
      {...link}
    />
  );
}
