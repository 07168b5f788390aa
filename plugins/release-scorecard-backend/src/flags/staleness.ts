import { Config } from '@backstage/config';
import {
  FeatureFlag,
  FLAG_TYPES,
  FlagType,
} from '@internal/plugin-release-scorecard-common';
import { DateTime } from 'luxon';

/** Lifetime of a temporary flag per type, in days; `0` means never stale. */
export type FlagLifetimesDays = Record<FlagType, number>;

/** The lifetimes Unleash defines for its flag types. */
export const DEFAULT_FLAG_LIFETIMES_DAYS: Readonly<FlagLifetimesDays> = {
  release: 40,
  experiment: 40,
  operational: 7,
  'kill-switch': 0,
  permission: 0,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads `releaseScorecard.flags.lifetimesDays`, filling in the defaults. */
export function readFlagLifetimes(config: Config): FlagLifetimesDays {
  const lifetimesConfig = config.getOptionalConfig(
    'releaseScorecard.flags.lifetimesDays',
  );
  const lifetimes = { ...DEFAULT_FLAG_LIFETIMES_DAYS };
  for (const type of FLAG_TYPES) {
    const days = lifetimesConfig?.getOptionalNumber(type);
    if (days === undefined) {
      continue;
    }
    if (!Number.isFinite(days) || days < 0) {
      throw new Error(
        `Invalid config at 'releaseScorecard.flags.lifetimesDays.${type}': expected a number of days, 0 or more (0 means never stale), got ${days}`,
      );
    }
    lifetimes[type] = days;
  }
  return lifetimes;
}

/**
 * Decides whether a flag is stale, as the spec defines it: the provider says
 * so (its reason is kept), or the flag is temporary and older than the
 * lifetime of its type. Age counts from `createdAt`; a flag exactly as old as
 * its lifetime is not stale yet. A flag without a creation time is only
 * stale when its provider says so.
 *
 * Apply it to flags as the provider clients return them, whose `stale` is
 * the provider's own verdict, not to flags this function already judged.
 */
export function applyStaleness(
  flag: FeatureFlag,
  lifetimesDays: FlagLifetimesDays,
  now: Date,
): FeatureFlag {
  if (flag.stale) {
    return flag;
  }
  const lifetime = lifetimesDays[flag.type];
  const createdAtMillis = flag.createdAt ? Date.parse(flag.createdAt) : NaN;
  if (
    !flag.temporary ||
    !lifetime ||
    Number.isNaN(createdAtMillis) ||
    now.getTime() - createdAtMillis <= lifetime * DAY_MS
  ) {
    return flag;
  }
  const createdDate = DateTime.fromMillis(createdAtMillis, {
    zone: 'utc',
  }).toISODate();
  return {
    ...flag,
    stale: true,
    staleReason: `${flag.type} flag older than ${lifetime} ${
      lifetime === 1 ? 'day' : 'days'
    } (created ${createdDate})`,
  };
}

/** A flag is active when it is not archived and on in at least one environment. */
export function isActiveFlag(flag: FeatureFlag): boolean {
  return (
    !flag.archived && flag.environments.some(environment => environment.enabled)
  );
}
