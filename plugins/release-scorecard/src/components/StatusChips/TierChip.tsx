import { DoraTier } from '@internal/plugin-release-scorecard-common';
import { capitalize } from '../../format';
import { StatusChip } from './StatusChip';
import { TIER_COLORS } from './statusColors';

/** A DORA tier: Elite, High, Medium or Low in its colour; `No data` outlined. */
export function TierChip(props: { tier: DoraTier | null; metric?: string }) {
  const { tier, metric } = props;
  const label = tier ? capitalize(tier) : 'No data';
  return (
    <StatusChip
      label={label}
      color={tier ? TIER_COLORS[tier] : undefined}
      ariaLabel={metric ? `${metric}: ${label}` : undefined}
    />
  );
}
