import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatScore } from '../../format';

/** The scorecard's score (0..100) and the level it reached. */
export function ScoreSummary(props: {
  score: number | null;
  level: string | null;
}) {
  const { score, level } = props;
  return (
    <Box display="flex" gridGap={32} flexWrap="wrap">
      <Box>
        <Typography variant="overline" color="textSecondary" component="p">
          Score
        </Typography>
        <Typography variant="h5" component="p">
          {score === null ? 'No data' : formatScore(score)}
        </Typography>
      </Box>
      <Box>
        <Typography variant="overline" color="textSecondary" component="p">
          Level
        </Typography>
        <Typography
          variant="h5"
          component="p"
          style={level ? { textTransform: 'capitalize' } : undefined}
        >
          {level ?? 'None yet'}
        </Typography>
      </Box>
    </Box>
  );
}
