import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RuleCondition } from '@internal/plugin-release-scorecard-common';
import { describeFactCondition, isFactCondition } from '../../conditions';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  fact: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
  },
}));

/** A rule's condition as a readable tree: facts, `all of`, `any of`, `not`. */
export function ConditionView(props: { condition: RuleCondition }) {
  const { condition } = props;
  const classes = useStyles();
  if (isFactCondition(condition)) {
    return (
      <Typography component="span" className={classes.fact}>
        {describeFactCondition(condition)}
      </Typography>
    );
  }
  if ('not' in condition) {
    return (
      <>
        <Typography component="span" variant="body2">
          Not:{' '}
        </Typography>
        <ConditionView condition={condition.not} />
      </>
    );
  }
  const [label, children] =
    'all' in condition
      ? ['All of:', condition.all]
      : ['Any of:', condition.any];
  return (
    <>
      <Typography component="span" variant="body2">
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
