import { FLAG_PROVIDER_ANNOTATIONS } from '@internal/plugin-release-scorecard-common';
import { Config } from '@backstage/config';
import { FlagProvider } from '@internal/plugin-release-scorecard-node';
import { DEFAULT_FLAGSMITH_BASE_URL, FlagsmithClient } from './FlagsmithClient';
import {
  DEFAULT_LAUNCHDARKLY_BASE_URL,
  LaunchDarklyClient,
} from './LaunchDarklyClient';
import { BuiltInFlagProviderId, FLAG_PROVIDER_DISPLAY_NAMES } from './types';
import { UnleashClient } from './UnleashClient';

/** The provider's API base URL from its config: http(s), no trailing slash. */
function readBaseUrl(
  config: Config,
  id: BuiltInFlagProviderId,
  defaultUrl?: string,
): string {
  const baseUrl = defaultUrl
    ? config.getOptionalString('baseUrl') ?? defaultUrl
    : config.getString('baseUrl');
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new Error(
      `Invalid config at 'releaseScorecard.flags.${id}.baseUrl': expected an http(s) URL, got '${baseUrl}'`,
    );
  }
  return baseUrl.replace(/\/+$/, '');
}

function builtIn(
  id: BuiltInFlagProviderId,
  createClient: FlagProvider['createClient'],
): FlagProvider {
  return {
    id,
    displayName: FLAG_PROVIDER_DISPLAY_NAMES[id],
    annotation: FLAG_PROVIDER_ANNOTATIONS[id],
    createClient,
  };
}

/**
 * The flag providers built into the backend, added through the same
 * extension point as a module's (releaseScorecardFlagProvidersExtensionPoint).
 */
export const BUILT_IN_FLAG_PROVIDERS: FlagProvider[] = [
  builtIn(
    'unleash',
    ({ config, requestTimeoutMs }) =>
      new UnleashClient({
        baseUrl: readBaseUrl(config, 'unleash'),
        token: config.getString('token'),
        flagUrlTemplate: config.getOptionalString('flagUrlTemplate'),
        requestTimeoutMs,
      }),
  ),
  builtIn(
    'launchdarkly',
    ({ config, requestTimeoutMs }) =>
      new LaunchDarklyClient({
        baseUrl: readBaseUrl(
          config,
          'launchdarkly',
          DEFAULT_LAUNCHDARKLY_BASE_URL,
        ),
        token: config.getString('token'),
        requestTimeoutMs,
      }),
  ),
  builtIn(
    'flagsmith',
    ({ config, requestTimeoutMs }) =>
      new FlagsmithClient({
        baseUrl: readBaseUrl(config, 'flagsmith', DEFAULT_FLAGSMITH_BASE_URL),
        token: config.getString('token'),
        requestTimeoutMs,
      }),
  ),
];
