import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { FlagsmithClient, DEFAULT_FLAGSMITH_BASE_URL } from './FlagsmithClient';
import {
  DEFAULT_LAUNCHDARKLY_BASE_URL,
  LaunchDarklyClient,
} from './LaunchDarklyClient';
import { FlagProvider, FlagProviderClient } from './types';
import { UnleashClient } from './UnleashClient';

/** A provider client and the schedule it is polled on. */
export interface ConfiguredFlagProvider {
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

/**
 * Reads `releaseScorecard.flags.{unleash,launchdarkly,flagsmith}` into
 * clients. A provider without configuration is not created; a configured
 * provider without a token, or with a malformed URL or schedule, fails with
 * an error that names the config key.
 *
 * `schedule` is either a full task schedule (`{ frequency, timeout, … }`) or
 * just the frequency as a duration (`{ minutes: 10 }`), which then also
 * bounds a run.
 */
export function readFlagProviders(
  config: Config,
  options: ReadFlagProvidersOptions = {},
): ConfiguredFlagProvider[] {
  const flagsConfig = config.getOptionalConfig('releaseScorecard.flags');
  if (!flagsConfig) {
    return [];
  }
  const providers: ConfiguredFlagProvider[] = [];

  const unleash = flagsConfig.getOptionalConfig('unleash');
  if (unleash) {
    providers.push({
      client: new UnleashClient({
        baseUrl: readBaseUrl(unleash, 'unleash'),
        token: unleash.getString('token'),
        flagUrlTemplate: unleash.getOptionalString('flagUrlTemplate'),
        requestTimeoutMs: options.requestTimeoutMs,
      }),
      schedule: readSchedule(unleash),
    });
  }

  const launchDarkly = flagsConfig.getOptionalConfig('launchdarkly');
  if (launchDarkly) {
    providers.push({
      client: new LaunchDarklyClient({
        baseUrl: readBaseUrl(
          launchDarkly,
          'launchdarkly',
          DEFAULT_LAUNCHDARKLY_BASE_URL,
        ),
        token: launchDarkly.getString('token'),
        requestTimeoutMs: options.requestTimeoutMs,
      }),
      schedule: readSchedule(launchDarkly),
    });
  }

  const flagsmith = flagsConfig.getOptionalConfig('flagsmith');
  if (flagsmith) {
    providers.push({
      client: new FlagsmithClient({
        baseUrl: readBaseUrl(
          flagsmith,
          'flagsmith',
          DEFAULT_FLAGSMITH_BASE_URL,
        ),
        token: flagsmith.getString('token'),
        requestTimeoutMs: options.requestTimeoutMs,
      }),
      schedule: readSchedule(flagsmith),
    });
  }

  return providers;
}

function readBaseUrl(
  providerConfig: Config,
  provider: FlagProvider,
  defaultUrl?: string,
): string {
  const baseUrl = defaultUrl
    ? providerConfig.getOptionalString('baseUrl') ?? defaultUrl
    : providerConfig.getString('baseUrl');
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new Error(
      `Invalid config at 'releaseScorecard.flags.${provider}.baseUrl': expected an http(s) URL, got '${baseUrl}'`,
    );
  }
  return baseUrl.replace(/\/+$/, '');
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
