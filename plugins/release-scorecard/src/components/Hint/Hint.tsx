import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  hint: {
    // Reads as the text around it, underlined with dots.
    font: 'inherit',
    color: 'inherit',
    textAlign: 'inherit',
    textTransform: 'inherit',
    letterSpacing: 'inherit',
    background: 'none',
    border: 'none',
    borderBottom: `1px dotted ${theme.palette.text.secondary}`,
    borderRadius: 0,
    padding: 0,
    margin: 0,
    cursor: 'help',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/**
 * Text with an explanation on hover and keyboard focus, underlined with dots
 * as abbreviations are. A button (a "toggletip") so that keyboard users reach
 * it; the explanation is also its accessible description (the tooltip's
 * `title`), so screen readers read it too.
 */
export function Hint(props: { title: string; children: ReactNode }) {
  const { title, children } = props;
  const classes = useStyles();
  return (
    <Tooltip title={title} arrow placement="top">
      <button type="button" className={classes.hint}>
        {children}
      </button>
    </Tooltip>
  );
}
