import {
  FLAG_TYPES,
  FlagType,
} from '@internal/plugin-release-scorecard-common';

/** Spellings of kill-switch seen in tags besides the canonical one. */
const TAG_ALIASES: Record<string, FlagType> = {
  killswitch: 'kill-switch',
};

function normaliseTag(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * The flag type of a provider without flag types (LaunchDarkly, Flagsmith).
 *
 * 1. A tag that names a type wins: `release`, `experiment`, `operational`,
 *    `kill-switch` (also `kill switch`, `kill_switch`, `killswitch`) or
 *    `permission`, in any case. With several, the first in that order wins.
 * 2. Otherwise `fallback`, when the provider has its own hint (e.g. a
 *    LaunchDarkly flag that runs an experiment).
 * 3. Otherwise a temporary flag is a `release` flag and a permanent one an
 *    `operational` flag (it is not removed, so it never ages into staleness).
 */
export function inferFlagType(
  tags: string[],
  temporary: boolean,
  fallback?: FlagType,
): FlagType {
  const normalised = new Set(
    tags.map(normaliseTag).map(tag => TAG_ALIASES[tag] ?? tag),
  );
  const tagged = FLAG_TYPES.find(type => normalised.has(type));
  return tagged ?? fallback ?? (temporary ? 'release' : 'operational');
}

/** Whether a flag of this type is meant to be removed eventually, as Unleash sees it. */
export function isTemporaryFlagType(type: FlagType): boolean {
  return type === 'release' || type === 'experiment' || type === 'operational';
}
