import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import { EntityScorecard } from '@internal/plugin-release-scorecard-common';
import { describeBlockers } from '../../blockers';
import { shortSha } from '../../format';
import { BAD, GateChip, GOOD, NEUTRAL } from '../StatusChips';

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
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1.5),
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
 * Whether the release candidate may ship: the verdict, what blocks it, and
 * its quality gates with their key metric.
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
          {blockers.length === 1
            ? `Blocked by ${blockers[0].text}`
            : `Blocked by ${blockers.length} problems`}
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
                  ({blocker.kind === 'gate' ? 'gate' : 'blocking rule'})
                </Typography>
              </Typography>
            </li>
          ))}
        </ul>
      )}
      {readiness.gates.length > 0 && (
        <Box className={classes.gates} aria-label="Quality gates" role="list">
          {readiness.gates.map(gate => (
            <span role="listitem" key={gate.gate}>
              <GateChip
                gate={gate.gate}
                status={gate.status}
                metrics={gate.metrics}
                url={gate.url}
              />
            </span>
          ))}
        </Box>
      )}
    </section>
  );
}
