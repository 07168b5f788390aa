import { InfoCard } from '@backstage/core-components';
import { EntityScorecard } from '@internal/plugin-release-scorecard-common';
import { formatDateTime } from '../../format';
import { ReadinessSummary } from '../ReadinessSummary';

/** The verdict on the release candidate and its gates. */
export function ReadinessCard(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  return (
    <InfoCard
      title="Release readiness"
      subheader={
        scorecard.evaluatedAt
          ? `Evaluated ${formatDateTime(scorecard.evaluatedAt)}`
          : undefined
      }
    >
      <ReadinessSummary scorecard={scorecard} />
    </InfoCard>
  );
}
