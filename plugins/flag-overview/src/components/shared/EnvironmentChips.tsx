import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { FlagEnvironment } from '@internal/plugin-release-scorecard-common';
import { environmentLabel, formatTimestamp } from './flagPresentation';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  on: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.getContrastText(theme.palette.success.main),
  },
}));

/** One chip per environment: on (filled) or off (outlined), with the rollout. */
export function EnvironmentChips(props: { environments: FlagEnvironment[] }) {
  const classes = useStyles();
  if (props.environments.length === 0) {
    return <>—</>;
  }
  return (
    <ul className={classes.list}>
      {props.environments.map(environment => (
        <li key={environment.name}>
          <Chip
            size="small"
            label={environmentLabel(environment)}
            variant={environment.enabled ? 'default' : 'outlined'}
            className={environment.enabled ? classes.on : undefined}
            title={
              environment.lastModifiedAt
                ? `Changed ${formatTimestamp(environment.lastModifiedAt)}`
                : undefined
            }
          />
        </li>
      ))}
    </ul>
  );
}
