import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { StoredDeployment } from '@internal/plugin-release-scorecard-common';
import { formatDateTime, formatRelativeTime, shortSha } from '../../format';
import { DeploymentStatusChip } from '../DeploymentStatusChip';

/** Strategy, GitOps or push, status and age of the latest production deployment. */
export function LastDeploymentSummary(props: {
  deployment: StoredDeployment | undefined;
}) {
  const { deployment } = props;
  if (!deployment) {
    return (
      <Typography variant="body2" color="textSecondary">
        No production deployment reported yet.
      </Typography>
    );
  }
  const when = deployment.finishedAt ?? deployment.startedAt;
  const description = [
    deployment.strategy === 'unknown'
      ? 'unknown strategy'
      : deployment.strategy,
    deployment.gitops ? 'GitOps' : 'pushed by CI (not GitOps)',
  ].join(' · ');
  return (
    <Box display="flex" flexDirection="column" gridGap={4}>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <DeploymentStatusChip status={deployment.status} />
        <Typography variant="body1" component="span">
          {description}
        </Typography>
      </Box>
      <Typography variant="body2" color="textSecondary">
        <span title={formatDateTime(when)}>{formatRelativeTime(when)}</span>
        {' · '}
        {deployment.version ? `version ${deployment.version}, ` : ''}
        revision {shortSha(deployment.revision)} to {deployment.environment}
        {deployment.url && (
          <>
            {' · '}
            <Link to={deployment.url}>details</Link>
          </>
        )}
      </Typography>
    </Box>
  );
}
