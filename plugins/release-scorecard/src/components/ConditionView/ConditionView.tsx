import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  describeCondition,
  RuleCondition,
} from '@internal/plugin-release-scorecard-common';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/**
 * A rule's condition in words and in the facts' units (`deployment.gitops
 * is true`, `gate.unit-tests.coverage is at least 80%`), as the common
 * package's describeCondition writes it for every page and the backend's
 * messages. `all` and `any` become a list, one condition per line.
 */
export function ConditionView(props: { condition: RuleCondition }) {
  const { condition } = props;
  const classes = useStyles();
  if (!('all' in condition) && !('any' in condition)) {
    return (
      <Typography variant="body2" component="span">
        {describeCondition(condition, { withFactNames: true })}
      </Typography>
    );
  }
  const [label, children] =
    'all' in condition
      ? ['All of these hold:', condition.all]
      : ['At least one of these holds:', condition.any];
  if (children.length === 1) {
    return <ConditionView condition={children[0]} />;
  }
  return (
    <>
      <Typography variant="body2" component="span">
        {label}
      </Typography>
      <ul className={classes.list}>
        {children.map((child, index) => (
          <li key={index}>
            <ConditionView condition={child} />
          </li>
        ))}
      </ul>
    </>
  );
}
