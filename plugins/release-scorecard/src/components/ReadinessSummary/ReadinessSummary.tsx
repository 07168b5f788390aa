import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import {
  EntityScorecard,
  ReadinessGate,
  RuleResult,
} from '@internal/plugin-release-scorecard-common';
import { blockedHeadline, describeBlockers } from '../../blockers';
import { shortSha } from '../../format';
import { gateLabel, rulesAboutGate } from '../../gates';
import { Hint } from '../Hint';
import {
  BAD,
  GateChip,
  GOOD,
  NEUTRAL,
  RULE_STATUS_LABELS,
  RuleStatusIcon,
} from '../StatusChips';

const useStyles = makeStyles(theme => ({
  verdict: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  candidate: {
    fontFamily: 'monospace',
  },
  blockers: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(4),
  },
  gates: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: theme.spacing(1.5),
    margin: theme.spacing(1.5, 0, 0),
    padding: 0,
    listStyle: 'none',
  },
  gate: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
    minWidth: 0,
  },
  gateRules: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  gateRule: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    '& svg': { fontSize: '1rem' },
  },
}));

function CandidateLabel(props: { revision?: string; version?: string }) {
  const { revision, version } = props;
  const classes = useStyles();
  if (!revision && !version) {
    return null;
  }
  return (
    <Typography variant="body2" color="textSecondary">
      {revision && (
        <>
          revision{' '}
          <span className={classes.candidate} title={revision}>
            {shortSha(revision)}
          </span>
        </>
      )}
      {revision && version && ' · '}
      {version && <>version {version}</>}
    </Typography>
  );
}

/**
 * One gate of the candidate: its chip (the tool's verdict and key figure),
 * whether it is required, and each rule about it with what the rule wants,
 * so that a passed gate next to a failing rule on its figures is explained
 * rather than contradicted.
 */
function GateItem(props: { gate: ReadinessGate; rules: RuleResult[] }) {
  const { gate, rules } = props;
  const classes = useStyles();
  const about = rulesAboutGate(gate.gate, rules);
  return (
    <li className={classes.gate}>
      <GateChip
        gate={gate.gate}
        status={gate.status}
        metrics={gate.metrics}
        url={gate.url}
      />
      {gate.required && (
        <Typography variant="caption" color="textSecondary">
          required for release
        </Typography>
      )}
      {about.length > 0 && (
        <ul
          className={classes.gateRules}
          aria-label={`Rules about ${gateLabel(gate.gate)}`}
        >
          {about.map(rule => (
            <li key={rule.id} className={classes.gateRule}>
              <RuleStatusIcon
                status={rule.status}
                label={RULE_STATUS_LABELS[rule.status]}
              />
              <Typography variant="caption">
                <Hint title={rule.title}>rule wants {rule.expected}</Hint>
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * Whether the release candidate may ship: the verdict, what blocks it (and
 * whether that is a required gate or a blocking rule), and its quality gates
 * with their key figure and the rules about them.
 */
export function ReadinessSummary(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  const { readiness } = scorecard;
  const classes = useStyles();
  const blockers = describeBlockers(scorecard);

  let verdict: JSX.Element;
  if (readiness.status === 'ready') {
    verdict = (
      <>
        <CheckCircleIcon style={{ color: GOOD }} aria-hidden />
        <Typography variant="h6" component="p">
          Ready to release
        </Typography>
      </>
    );
  } else if (readiness.status === 'blocked') {
    verdict = (
      <>
        <CancelIcon style={{ color: BAD }} aria-hidden />
        <Typography variant="h6" component="p">
          {blockedHeadline(blockers)}
        </Typography>
      </>
    );
  } else {
    verdict = (
      <>
        <HelpOutlineIcon style={{ color: NEUTRAL }} aria-hidden />
        <Typography variant="h6" component="p">
          No data: no pipeline run of a release candidate yet
        </Typography>
      </>
    );
  }

  return (
    <section aria-label="Release readiness">
      <Box className={classes.verdict}>
        {verdict}
        <CandidateLabel
          revision={readiness.revision}
          version={readiness.version}
        />
      </Box>
      {blockers.length > 1 && (
        <ul className={classes.blockers} aria-label="Blockers">
          {blockers.map(blocker => (
            <li key={`${blocker.kind}:${blocker.id}`}>
              <Typography variant="body2">
                {blocker.text}{' '}
                <Typography
                  component="span"
                  variant="body2"
                  color="textSecondary"
                >
                  (
                  {blocker.kind === 'gate'
                    ? 'required gate'
                    : `blocking rule${
                        blocker.reason ? ` that ${blocker.reason}` : ''
                      }`}
                  )
                </Typography>
              </Typography>
            </li>
          ))}
        </ul>
      )}
      {readiness.gates.length > 0 && (
        <ul className={classes.gates} aria-label="Quality gates">
          {readiness.gates.map(gate => (
            <GateItem key={gate.gate} gate={gate} rules={scorecard.rules} />
          ))}
        </ul>
      )}
    </section>
  );
}
