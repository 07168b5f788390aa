import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EntityScorecard } from '@internal/plugin-release-scorecard-common';
import { capitalize, countOf, formatScore } from '../../format';
import {
  LEVEL_EXPLANATION,
  nextLevel,
  rulesMissingLevel,
  SCORE_EXPLANATION,
} from '../../levels';
import { Hint } from '../Hint';

/** `7 of 11 rules have data`, `1 of 1 rule has data`. */
export function describeCoverage(coverage: EntityScorecard['ruleCoverage']) {
  const { withData, applicable } = coverage;
  if (applicable === 0) {
    return 'No rule applies';
  }
  return `${withData} of ${countOf(applicable, 'rule')} ${
    applicable === 1 ? 'has' : 'have'
  } data`;
}

/** `Silver needs 2 more rules to pass`, when the levels are known. */
type ScoredCard = Pick<
  EntityScorecard,
  'score' | 'level' | 'rules' | 'ruleCoverage'
>;

function NextLevel(props: { scorecard: ScoredCard; levels: string[] }) {
  const { scorecard, levels } = props;
  const next = nextLevel(levels, scorecard.level);
  if (!next || scorecard.ruleCoverage.applicable === 0) {
    return null;
  }
  const missing = rulesMissingLevel(scorecard.rules, levels, next);
  if (missing.length === 0) {
    return null;
  }
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      <Hint
        title={`Not yet met: ${missing
          .map(rule => `${rule.title} (${rule.level})`)
          .join('; ')}`}
      >
        {capitalize(next)} needs {countOf(missing.length, 'more rule')} to pass
      </Hint>
    </Typography>
  );
}

/**
 * The scorecard's score (0..100) with how many rules it rests on, and the
 * level it reached with what the next one needs. A rule without data counts
 * as not met in both, so a service that sends nothing never looks perfect.
 */
export function ScoreSummary(props: {
  scorecard: ScoredCard;
  /** The configured levels, lowest first; without them the next level is not named. */
  levels?: string[];
}) {
  const { scorecard, levels } = props;
  const { score, level, ruleCoverage } = scorecard;
  const coverage = describeCoverage(ruleCoverage);
  let levelText = 'None yet';
  if (level) {
    levelText = capitalize(level);
  } else if (ruleCoverage.applicable > 0) {
    levelText = 'None';
  }
  return (
    <Box display="flex" gridGap={32} flexWrap="wrap">
      <Box component="section" aria-label="Score">
        <Typography variant="overline" color="textSecondary" component="h3">
          <Hint title={SCORE_EXPLANATION}>Score</Hint>
        </Typography>
        <Typography variant="h5" component="p">
          {score === null ? 'No data' : formatScore(score)}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="p">
          {coverage}
        </Typography>
      </Box>
      <Box component="section" aria-label="Level">
        <Typography variant="overline" color="textSecondary" component="h3">
          <Hint title={LEVEL_EXPLANATION}>Level</Hint>
        </Typography>
        <Typography variant="h5" component="p">
          {levelText}
        </Typography>
        {levels && <NextLevel scorecard={scorecard} levels={levels} />}
      </Box>
    </Box>
  );
}
