import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ViewColumnIcon from '@material-ui/icons/ViewColumn';
import { useState } from 'react';

const useStyles = makeStyles(theme => ({
  panel: {
    padding: theme.spacing(2),
    maxWidth: 420,
    maxHeight: '60vh',
    overflowY: 'auto',
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

export interface PickableColumn {
  id: string;
  title: string;
  /** Shown whatever the choice, with the reason, e.g. the filtered rule. */
  lockedBecause?: string;
}

/** Chooses which columns of the matrix show; the choice goes into the URL. */
export function ColumnPicker(props: {
  columns: PickableColumn[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const { columns, hidden, onChange } = props;
  const classes = useStyles();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const hiddenSet = new Set(hidden);
  const hiddenCount = columns.filter(
    column => hiddenSet.has(column.id) && !column.lockedBecause,
  ).length;

  const toggle = (id: string, shown: boolean) =>
    onChange(shown ? hidden.filter(column => column !== id) : [...hidden, id]);

  return (
    <>
      <Button
        size="small"
        startIcon={<ViewColumnIcon />}
        aria-haspopup="dialog"
        aria-expanded={Boolean(anchor)}
        onClick={event => setAnchor(event.currentTarget)}
      >
        {hiddenCount > 0 ? `Columns (${hiddenCount} hidden)` : 'Columns'}
      </Button>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        PaperProps={{
          role: 'dialog',
          'aria-label': 'Columns of the matrix',
          className: classes.panel,
        }}
      >
        <Typography variant="subtitle2" component="p" gutterBottom>
          Show these columns
        </Typography>
        <FormGroup>
          {columns.map(column => (
            <FormControlLabel
              key={column.id}
              control={
                <Checkbox
                  size="small"
                  checked={
                    Boolean(column.lockedBecause) || !hiddenSet.has(column.id)
                  }
                  disabled={Boolean(column.lockedBecause)}
                  onChange={event => toggle(column.id, event.target.checked)}
                />
              }
              label={
                column.lockedBecause
                  ? `${column.title} (${column.lockedBecause})`
                  : column.title
              }
            />
          ))}
        </FormGroup>
        <div className={classes.actions}>
          <Button
            size="small"
            onClick={() => onChange([])}
            disabled={hidden.length === 0}
          >
            Show all
          </Button>
          <Button size="small" onClick={() => setAnchor(null)}>
            Done
          </Button>
        </div>
      </Popover>
    </>
  );
}
