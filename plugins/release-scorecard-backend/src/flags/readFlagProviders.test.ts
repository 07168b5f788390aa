import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BUILT_IN_FLAG_PROVIDERS } from './builtInFlagProviders';
import { readFlagProviders } from './readFlagProviders';

const flagsConfig = (flags: object) =>
  new ConfigReader({ releaseScorecard: { flags } }, 'app-config.yaml');

describe('readFlagProviders', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signal = new AbortController().signal;

  it('creates no provider without flag configuration', () => {
    expect(
      readFlagProviders(new ConfigReader({}), BUILT_IN_FLAG_PROVIDERS),
    ).toEqual([]);
    expect(
      readFlagProviders(
        flagsConfig({ lifetimesDays: { release: 30 } }),
        BUILT_IN_FLAG_PROVIDERS,
      ),
    ).toEqual([]);
  });

  it('creates the configured providers only, polled every 10 minutes by default', () => {
    const providers = readFlagProviders(
      flagsConfig({
        unleash: { baseUrl: 'https://unleash.example.com/api', token: 'u' },
        flagsmith: { token: 'f' },
      }),
      BUILT_IN_FLAG_PROVIDERS,
    );

    expect(
      providers.map(({ client, schedule }) => ({
        provider: client.provider,
        annotation: client.annotation,
        schedule,
      })),
    ).toEqual([
      {
        provider: 'unleash',
        annotation: 'unleash.io/project-id',
        schedule: { frequency: { minutes: 10 }, timeout: { minutes: 10 } },
      },
      {
        provider: 'flagsmith',
        annotation: 'flagsmith.com/project-id',
        schedule: { frequency: { minutes: 10 }, timeout: { minutes: 10 } },
      },
    ]);
  });

  it('talks to the public LaunchDarkly and Flagsmith APIs by default, with the configured tokens', async () => {
    const authorization: Record<string, string | null> = {};
    server.use(
      http.get(
        'https://app.launchdarkly.com/api/v2/projects/web/environments',
        ({ request }) => {
          authorization.launchdarkly = request.headers.get('authorization');
          return HttpResponse.json({ items: [] });
        },
      ),
      http.get('https://app.launchdarkly.com/api/v2/flags/web', () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(
        'https://api.flagsmith.com/api/v1/environments/',
        ({ request }) => {
          authorization.flagsmith = request.headers.get('authorization');
          return HttpResponse.json([]);
        },
      ),
      http.get('https://api.flagsmith.com/api/v1/projects/7/tags/', () =>
        HttpResponse.json([]),
      ),
      http.get('https://api.flagsmith.com/api/v1/projects/7/features/', () =>
        HttpResponse.json({ results: [], next: null }),
      ),
    );
    const [launchDarkly, flagsmith] = readFlagProviders(
      flagsConfig({
        launchdarkly: { token: 'api-ld-token' },
        flagsmith: { token: 'fs-token' },
      }),
      BUILT_IN_FLAG_PROVIDERS,
    );

    await expect(
      launchDarkly.client.fetchProjectFlags('web', { signal }),
    ).resolves.toEqual([]);
    await expect(
      flagsmith.client.fetchProjectFlags('7', { signal }),
    ).resolves.toEqual([]);
    expect(authorization).toEqual({
      launchdarkly: 'api-ld-token',
      flagsmith: 'Api-Key fs-token',
    });
  });

  it('uses a configured base URL and request time-out', async () => {
    server.use(
      http.get('https://flags.internal/api/v2/projects/web/environments', () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get('https://flags.internal/api/v2/flags/web', async () => {
        await new Promise(resolve => setTimeout(resolve, 300));
        return HttpResponse.json({ items: [] });
      }),
    );
    const [launchDarkly] = readFlagProviders(
      flagsConfig({
        launchdarkly: { baseUrl: 'https://flags.internal/', token: 't' },
      }),
      BUILT_IN_FLAG_PROVIDERS,
      { requestTimeoutMs: 20 },
    );

    await expect(
      launchDarkly.client.fetchProjectFlags('web', { signal }),
    ).rejects.toThrow(
      'LaunchDarkly request GET /api/v2/flags/web timed out after 20 ms',
    );
  });

  it('names the missing token key', () => {
    expect(() =>
      readFlagProviders(
        flagsConfig({ launchdarkly: { baseUrl: 'https://x' } }),
        BUILT_IN_FLAG_PROVIDERS,
      ),
    ).toThrow(
      "Missing required config value at 'releaseScorecard.flags.launchdarkly.token'",
    );
  });

  it('names the missing Unleash base URL key', () => {
    expect(() =>
      readFlagProviders(
        flagsConfig({ unleash: { token: 'secret-token' } }),
        BUILT_IN_FLAG_PROVIDERS,
      ),
    ).toThrow(
      "Missing required config value at 'releaseScorecard.flags.unleash.baseUrl'",
    );
  });

  it('names the key of a malformed base URL, without the token', () => {
    const read = () =>
      readFlagProviders(
        flagsConfig({
          flagsmith: { baseUrl: 'api.flagsmith.com', token: 'secret-token' },
        }),
        BUILT_IN_FLAG_PROVIDERS,
      );
    expect(read).toThrow(
      "Invalid config at 'releaseScorecard.flags.flagsmith.baseUrl': expected an http(s) URL, got 'api.flagsmith.com'",
    );
    expect(read).not.toThrow(/secret-token/);
  });

  it('reads a schedule given as a duration or as a full task schedule', () => {
    const providers = readFlagProviders(
      flagsConfig({
        unleash: {
          baseUrl: 'https://unleash.example.com/api',
          token: 'u',
          schedule: { minutes: 5 },
        },
        launchdarkly: {
          token: 'l',
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 3 },
            initialDelay: { seconds: 30 },
          },
        },
        flagsmith: { token: 'f', schedule: 'PT15M' },
      }),
      BUILT_IN_FLAG_PROVIDERS,
    );

    expect(providers.map(provider => provider.schedule)).toEqual([
      { frequency: { minutes: 5 }, timeout: { minutes: 5 } },
      {
        frequency: { hours: 1 },
        timeout: { minutes: 3 },
        initialDelay: { seconds: 30 },
      },
      { frequency: { minutes: 15 }, timeout: { minutes: 15 } },
    ]);
  });
});
