import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import {
  FlagProvider,
  FlagProviderClient,
} from '@internal/plugin-release-scorecard-node';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './types';

/** A provider client and the schedule it is polled on. */
export interface ConfiguredFlagProvider {
  provider: FlagProvider;
  client: FlagProviderClient;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

export interface ReadFlagProvidersOptions {
  /** Time-out of each HTTP request to a provider, in milliseconds. */
  requestTimeoutMs?: number;
}

export const DEFAULT_FLAG_PROVIDER_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 10 },
    timeout: { minutes: 10 },
  };

/** Keys under releaseScorecard.flags that are settings, not providers. */
const FLAG_SETTINGS = ['lifetimesDays'];

/**
 * Creates the client of each installed provider that is configured under
 * `releaseScorecard.flags.<id>`. A provider without configuration is not
 * created; a configured one with an unusable configuration, or a key under
 * releaseScorecard.flags that no installed provider has, stops the backend
 * with an error that names the config key.
 *
 * `schedule` is either a full task schedule (`{ frequency, timeout, … }`) or
 * just the frequency as a duration (`{ minutes: 10 }`), which then also
 * bounds a run.
 */
export function readFlagProviders(
  config: Config,
  installed: FlagProvider[],
  options: ReadFlagProvidersOptions = {},
): ConfiguredFlagProvider[] {
  const flagsConfig = config.getOptionalConfig('releaseScorecard.flags');
  if (!flagsConfig) {
    return [];
  }
  const ids = installed.map(provider => provider.id);
  for (const key of flagsConfig.keys()) {
    if (!ids.includes(key) && !FLAG_SETTINGS.includes(key)) {
      throw new Error(
        `Invalid config at 'releaseScorecard.flags.${key}': no flag provider '${key}' is installed; the installed providers are ${ids.join(
          ', ',
        )}`,
      );
    }
  }
  return installed.flatMap(provider => {
    const providerConfig = flagsConfig.getOptionalConfig(provider.id);
    if (!providerConfig) {
      return [];
    }
    return [
      {
        provider,
        client: provider.createClient({
          config: providerConfig,
          requestTimeoutMs:
            options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        }),
        schedule: readSchedule(providerConfig),
      },
    ];
  });
}

function readSchedule(
  providerConfig: Config,
): SchedulerServiceTaskScheduleDefinition {
  if (!providerConfig.has('schedule')) {
    return DEFAULT_FLAG_PROVIDER_SCHEDULE;
  }
  const schedule = providerConfig.getOptional('schedule');
  if (typeof schedule === 'object' && schedule && 'frequency' in schedule) {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      providerConfig.getConfig('schedule'),
    );
  }
  const frequency = readDurationFromConfig(providerConfig, { key: 'schedule' });
  return { frequency, timeout: frequency };
}
