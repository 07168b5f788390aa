import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import featureLegacySearch from './__fixtures__/unleash/feature-legacy-search.json';
import featureNewCheckout from './__fixtures__/unleash/feature-new-checkout.json';
import searchPage1 from './__fixtures__/unleash/search-page-1.json';
import searchPage2 from './__fixtures__/unleash/search-page-2.json';
import { UnleashClient, unleashRolloutPercent } from './UnleashClient';

const TOKEN = '*:*.3f9a1c2e5b7d4e60a8c1unleash';
const SERVER = 'https://unleash.example.com';
const SEARCH_URL = `${SERVER}/api/admin/search/features`;
const FEATURE_URL = `${SERVER}/api/admin/projects/:projectId/features/:featureName`;

const featureDetails: Record<string, unknown> = {
  'new-checkout': featureNewCheckout,
  'legacy-search': featureLegacySearch,
};

describe('UnleashClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const signal = new AbortController().signal;
  const createClient = (options: Partial<{ token: string }> = {}) =>
    new UnleashClient({
      baseUrl: `${SERVER}/api`,
      token: options.token ?? TOKEN,
      pageSize: 2,
      requestTimeoutMs: 1000,
    });

  /** Answers like Unleash: 401 unless the token is in `Authorization`. */
  function useUnleashHandlers() {
    const seen = {
      authorization: [] as Array<string | null>,
      searches: [] as Array<Record<string, string>>,
      details: [] as string[],
    };
    server.use(
      http.get(SEARCH_URL, ({ request }) => {
        const authorization = request.headers.get('authorization');
        seen.authorization.push(authorization);
        if (authorization !== TOKEN) {
          return HttpResponse.json(
            {
              id: 'abc',
              name: 'AuthenticationRequired',
              message: 'You must log in to use Unleash.',
            },
            { status: 401 },
          );
        }
        const query = Object.fromEntries(new URL(request.url).searchParams);
        seen.searches.push(query);
        return HttpResponse.json(
          query.offset === '0' ? searchPage1 : searchPage2,
        );
      }),
      http.get(FEATURE_URL, ({ request, params }) => {
        seen.authorization.push(request.headers.get('authorization'));
        expect(params.projectId).toBe('payments');
        const name = String(params.featureName);
        seen.details.push(name);
        const detail = featureDetails[name];
        return detail
          ? HttpResponse.json(detail)
          : HttpResponse.json({ message: 'not found' }, { status: 404 });
      }),
    );
    return seen;
  }

  it('pages through the project and normalises every flag', async () => {
    const seen = useUnleashHandlers();

    const flags = await createClient().fetchProjectFlags('payments', {
      signal,
    });

    expect(seen.searches).toEqual([
      { project: 'IS:payments', limit: '2', offset: '0' },
      { project: 'IS:payments', limit: '2', offset: '2' },
    ]);
    expect(new Set(seen.authorization)).toEqual(new Set([TOKEN]));
    // Strategies are only read where a flag is on with enabled strategies.
    expect(seen.details.sort()).toEqual(['legacy-search', 'new-checkout']);
    expect(flags).toStrictEqual([
      {
        key: 'new-checkout',
        provider: 'unleash',
        type: 'release',
        temporary: true,
        archived: false,
        environments: [
          { name: 'development', enabled: true },
          { name: 'production', enabled: true, rolloutPercent: 25 },
        ],
        createdAt: '2026-06-10T09:12:31.000Z',
        owner: 'Maria Jensen',
        stale: false,
        url: 'https://unleash.example.com/projects/payments/features/new-checkout',
      },
      {
        key: 'payments-kill-switch',
        provider: 'unleash',
        type: 'kill-switch',
        temporary: false,
        archived: false,
        environments: [
          { name: 'development', enabled: false },
          { name: 'production', enabled: false },
        ],
        createdAt: '2024-11-02T13:00:00.000Z',
        owner: 'admin-token',
        stale: false,
        url: 'https://unleash.example.com/projects/payments/features/payments-kill-switch',
      },
      {
        key: 'legacy-search',
        provider: 'unleash',
        type: 'experiment',
        temporary: true,
        archived: false,
        environments: [
          { name: 'development', enabled: false },
          { name: 'production', enabled: true, rolloutPercent: 50 },
        ],
        createdAt: '2025-01-05T08:30:00.000Z',
        owner: 'Maria Jensen',
        stale: true,
        staleReason: 'marked stale in Unleash',
        url: 'https://unleash.example.com/projects/payments/features/legacy-search',
      },
    ]);
  });

  it('accepts a base URL without /api and a custom flag link', async () => {
    useUnleashHandlers();
    const client = new UnleashClient({
      baseUrl: `${SERVER}/`,
      token: TOKEN,
      flagUrlTemplate: 'https://flags.example.com/{project}/{key}',
    });

    const flags = await client.fetchProjectFlags('payments', { signal });

    expect(flags.map(flag => flag.url)).toEqual([
      'https://flags.example.com/payments/new-checkout',
      'https://flags.example.com/payments/payments-kill-switch',
      'https://flags.example.com/payments/legacy-search',
    ]);
  });

  it('names the provider, path and status of a 401 without revealing the token', async () => {
    useUnleashHandlers();
    const wrongToken = 'user:wrong-token-that-must-stay-secret';

    const error = await createClient({ token: wrongToken })
      .fetchProjectFlags('payments', { signal })
      .catch(e => e);

    expect(error.name).toBe('FlagProviderRequestError');
    expect(error.message).toBe(
      'Unleash request GET /api/admin/search/features failed with status 401 Unauthorized',
    );
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(wrongToken);
    expect(error.message).not.toContain(TOKEN);
  });

  it('fails the fetch when a flag detail answers 500', async () => {
    useUnleashHandlers();
    server.use(
      http.get(FEATURE_URL, () => new HttpResponse(null, { status: 500 })),
    );

    await expect(
      createClient().fetchProjectFlags('payments', { signal }),
    ).rejects.toThrow(
      /^Unleash request GET \/api\/admin\/projects\/payments\/features\/(new-checkout|legacy-search) failed with status 500/,
    );
  });

  it('keeps a flag that disappeared between search and detail, without rollout', async () => {
    useUnleashHandlers();
    server.use(
      http.get(FEATURE_URL, () =>
        HttpResponse.json({ message: 'gone' }, { status: 404 }),
      ),
    );

    const flags = await createClient().fetchProjectFlags('payments', {
      signal,
    });

    expect(flags[0].environments).toEqual([
      { name: 'development', enabled: true },
      { name: 'production', enabled: true },
    ]);
  });

  it('times out a request that takes longer than the time-out', async () => {
    server.use(
      http.get(SEARCH_URL, async () => {
        await delay(500);
        return HttpResponse.json(searchPage1);
      }),
    );
    const client = new UnleashClient({
      baseUrl: SERVER,
      token: TOKEN,
      requestTimeoutMs: 20,
    });

    const error = await client
      .fetchProjectFlags('payments', { signal })
      .catch(e => e);

    expect(error.message).toBe(
      'Unleash request GET /api/admin/search/features timed out after 20 ms',
    );
    expect(error.timedOut).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    server.use(
      http.get(SEARCH_URL, async () => {
        await delay(500);
        return HttpResponse.json(searchPage1);
      }),
    );
    const controller = new AbortController();
    const pending = createClient().fetchProjectFlags('payments', {
      signal: controller.signal,
    });
    controller.abort();

    await expect(pending).rejects.toThrow(
      'Unleash request GET /api/admin/search/features was aborted',
    );
  });

  it('gives up after the page limit when the total never comes within reach', async () => {
    let requests = 0;
    server.use(
      http.get(SEARCH_URL, () => {
        requests++;
        return HttpResponse.json({ ...searchPage1, total: 1_000_000 });
      }),
      http.get(FEATURE_URL, () => HttpResponse.json(featureNewCheckout)),
    );
    const client = new UnleashClient({
      baseUrl: SERVER,
      token: TOKEN,
      pageSize: 2,
      maxPages: 3,
    });

    await expect(
      client.fetchProjectFlags('payments', { signal }),
    ).rejects.toThrow(
      'Unleash listed more than 3 pages at /api/admin/search/features; giving up',
    );
    expect(requests).toBe(3);
  });

  it('rejects a response that is not shaped like a feature search', async () => {
    server.use(
      http.get(SEARCH_URL, () =>
        HttpResponse.json({ features: [{ type: 'release' }] }),
      ),
    );

    await expect(
      createClient().fetchProjectFlags('payments', { signal }),
    ).rejects.toThrow(
      /^Unleash request GET \/api\/admin\/search\/features returned an unexpected response: .*features\[0\]\.name/s,
    );
  });
});

describe('unleashRolloutPercent', () => {
  const strategy = (
    name: string,
    parameters: Record<string, unknown> = {},
    extra: object = {},
  ) => ({ name, parameters, ...extra });

  it('is the largest rollout of the enabled gradual strategies', () => {
    expect(
      unleashRolloutPercent([
        strategy('flexibleRollout', { rollout: '10' }),
        strategy('flexibleRollout', { rollout: 35 }),
        strategy('flexibleRollout', { rollout: '90' }, { disabled: true }),
        strategy('gradualRolloutUserId', { percentage: '20' }),
      ]),
    ).toBe(35);
  });

  it('is 100 when an unconstrained default strategy enables everyone', () => {
    expect(
      unleashRolloutPercent([
        strategy('flexibleRollout', { rollout: '10' }),
        strategy('default'),
      ]),
    ).toBe(100);
    expect(
      unleashRolloutPercent([
        strategy('flexibleRollout', { rollout: '10' }),
        strategy('default', {}, { constraints: [{ contextName: 'region' }] }),
      ]),
    ).toBe(10);
  });

  it('is undefined without a gradual strategy', () => {
    expect(unleashRolloutPercent([strategy('default')])).toBeUndefined();
    expect(
      unleashRolloutPercent([strategy('flexibleRollout', { rollout: 'many' })]),
    ).toBeUndefined();
    expect(unleashRolloutPercent([])).toBeUndefined();
  });
});
