/*
 * Settings of the plugin that several parts need, read once.
 */
import { Config } from '@backstage/config';

export const DEFAULT_RETENTION_DAYS = 400;

/**
 * `releaseScorecard.retentionDays`: how long evidence is kept. It also
 * bounds the DORA window: a longer window would count days whose records
 * are gone, and understate every rate.
 */
export function readRetentionDays(config: Config): number {
  const retentionDays =
    config.getOptionalNumber('releaseScorecard.retentionDays') ??
    DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new Error(
      `Invalid config releaseScorecard.retentionDays: must be a whole number of days ≥ 1, got ${retentionDays}`,
    );
  }
  return retentionDays;
}
