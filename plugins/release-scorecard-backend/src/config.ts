/*
 * Every setting of the plugin, read once at startup into typed options.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { FactDefinition } from '@internal/plugin-release-scorecard-common';
import { FlagProvider } from '@internal/plugin-release-scorecard-node';
import { DoraOptions, readDoraOptions } from './dora';
import { FlagLifetimesDays, readFlagLifetimes } from './flags';
import {
  ConfiguredFlagProvider,
  readFlagProviders,
} from './flags/readFlagProviders';
import { IngestOptions, readIngestOptions } from './ingest/readIngestOptions';
import { readScorecardConfig, ScorecardConfig } from './rules';

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

const DEFAULT_EVALUATED_KINDS = ['component'];
const DEFAULT_EVALUATION_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 15 },
};

/** Every setting of the plugin, read and checked at startup. */
export interface PluginOptions {
  scorecard: ScorecardConfig;
  retentionDays: number;
  dora: DoraOptions;
  flagLifetimesDays: FlagLifetimesDays;
  /** Kinds that get scorecards, in lower case. */
  evaluatedKinds: string[];
  evaluationSchedule: SchedulerServiceTaskScheduleDefinition;
  ingest: IngestOptions;
  /** The flag providers installed and configured, with their clients. */
  flagProviders: ConfiguredFlagProvider[];
}

/**
 * Reads `releaseScorecard` once, before anything starts: a misspelt rule or
 * an unusable setting stops the backend here, with a message that names the
 * config key. `installed` is what modules (and the plugin itself) added
 * through the extension points, which decides which facts rules may name
 * and which flag providers may be configured.
 */
export function readPluginOptions(
  config: Config,
  installed: { flagProviders: FlagProvider[]; providedFacts: FactDefinition[] },
): PluginOptions {
  const scorecard = readScorecardConfig(config, {
    providedFacts: installed.providedFacts,
  });
  const retentionDays = readRetentionDays(config);
  return {
    scorecard,
    retentionDays,
    dora: readDoraOptions(config, retentionDays),
    flagLifetimesDays: readFlagLifetimes(config),
    evaluatedKinds: (
      config.getOptionalStringArray('releaseScorecard.evaluation.kinds') ??
      DEFAULT_EVALUATED_KINDS
    ).map(kind => kind.toLocaleLowerCase('en-US')),
    evaluationSchedule: config.has('releaseScorecard.evaluation.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('releaseScorecard.evaluation.schedule'),
        )
      : DEFAULT_EVALUATION_SCHEDULE,
    ingest: readIngestOptions(config),
    flagProviders: readFlagProviders(config, installed.flagProviders),
  };
}
