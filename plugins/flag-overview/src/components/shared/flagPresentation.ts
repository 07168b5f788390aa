import { DateTime } from 'luxon';
import {
  FeatureFlag,
  FlagEnvironment,
} from '@internal/plugin-release-scorecard-common';

/**
 * The order a reviewer wants: stale flags first, then the oldest first (they
 * are the likeliest to be forgotten), flags without a creation time last.
 */
export function sortFlagsForReview<T extends FeatureFlag>(flags: T[]): T[] {
  const createdMillis = (flag: FeatureFlag) => {
    const millis = flag.createdAt ? Date.parse(flag.createdAt) : NaN;
    return Number.isNaN(millis) ? Number.POSITIVE_INFINITY : millis;
  };
  return [...flags].sort(
    (a, b) =>
      Number(b.stale) - Number(a.stale) ||
      createdMillis(a) - createdMillis(b) ||
      a.key.localeCompare(b.key),
  );
}

/**
 * How long ago a time was, in the unit that reads best for a flag's age:
 * hours for today, days up to a year (lifetimes are set in days), then years
 * and months.
 */
export function formatAge(
  iso: string | undefined,
  now: DateTime<boolean> = DateTime.now(),
) {
  if (!iso) {
    return undefined;
  }
  const time = DateTime.fromISO(iso);
  if (!time.isValid) {
    return undefined;
  }
  const days = now.diff(time, 'days').days;
  if (days < 1) {
    return time.toRelative({ base: now }) ?? undefined;
  }
  if (days < 365) {
    return time.toRelative({ base: now, unit: 'days' }) ?? undefined;
  }
  return time.toRelative({ base: now, unit: ['years', 'months'] }) ?? undefined;
}

/** A time as the user's locale writes it, for tooltips next to relative times. */
export function formatTimestamp(iso: string) {
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATETIME_MED) : iso;
}

/** `production: on · 25 %` — rollout only matters where the flag is on. */
export function environmentLabel(environment: FlagEnvironment) {
  const state = environment.enabled ? 'on' : 'off';
  const rollout =
    environment.enabled && environment.rolloutPercent !== undefined
      ? ` · ${environment.rolloutPercent} %`
      : '';
  return `${environment.name}: ${state}${rollout}`;
}

/** Human names of the providers the backend knows; others are shown as sent. */
const PROVIDER_TITLES: Record<string, string> = {
  unleash: 'Unleash',
  launchdarkly: 'LaunchDarkly',
  flagsmith: 'Flagsmith',
};

export function providerTitle(provider: string) {
  return PROVIDER_TITLES[provider.toLocaleLowerCase('en-US')] ?? provider;
}
