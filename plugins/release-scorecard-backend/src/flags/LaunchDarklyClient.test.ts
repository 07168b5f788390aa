import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import environments from './__fixtures__/launchdarkly/environments.json';
import flagsPage1 from './__fixtures__/launchdarkly/flags-page-1.json';
import flagsPage2 from './__fixtures__/launchdarkly/flags-page-2.json';
import {
  LaunchDarklyClient,
  launchDarklyRolloutPercent,
} from './LaunchDarklyClient';

const TOKEN = 'api-7d3b8c1e-2f4a-4b5c-9d6e-launchdarkly';
const SERVER = 'https://app.launchdarkly.com';
const ENVIRONMENTS_URL = `${SERVER}/api/v2/projects/:projectKey/environments`;
const FLAGS_URL = `${SERVER}/api/v2/flags/:projectKey`;

describe('LaunchDarklyClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const signal = new AbortController().signal;
  const createClient = (options: { token?: string; maxPages?: number } = {}) =>
    new LaunchDarklyClient({
      baseUrl: SERVER,
      token: options.token ?? TOKEN,
      pageSize: 2,
      maxPages: options.maxPages,
      requestTimeoutMs: 1000,
    });

  const unauthorized = () =>
    HttpResponse.json(
      { code: 'unauthorized', message: 'Invalid access token' },
      { status: 401 },
    );

  /** Answers like LaunchDarkly: 401 unless the token is in `Authorization`. */
  function useLaunchDarklyHandlers() {
    const seen = {
      headers: [] as Array<[string | null, string | null]>,
      flagQueries: [] as URLSearchParams[],
    };
    server.use(
      http.get(ENVIRONMENTS_URL, ({ request, params }) => {
        seen.headers.push([
          request.headers.get('authorization'),
          request.headers.get('ld-api-version'),
        ]);
        if (request.headers.get('authorization') !== TOKEN) {
          return unauthorized();
        }
        expect(params.projectKey).toBe('checkout');
        return HttpResponse.json(environments);
      }),
      http.get(FLAGS_URL, ({ request }) => {
        seen.headers.push([
          request.headers.get('authorization'),
          request.headers.get('ld-api-version'),
        ]);
        if (request.headers.get('authorization') !== TOKEN) {
          return unauthorized();
        }
        const query = new URL(request.url).searchParams;
        seen.flagQueries.push(query);
        return HttpResponse.json(
          query.get('offset') === '0' ? flagsPage1 : flagsPage2,
        );
      }),
    );
    return seen;
  }

  it('pages through the flags with every environment and normalises them', async () => {
    const seen = useLaunchDarklyHandlers();

    const flags = await createClient().fetchProjectFlags('checkout', {
      signal,
    });

    expect(seen.headers).toEqual([
      [TOKEN, '20240415'],
      [TOKEN, '20240415'],
      [TOKEN, '20240415'],
    ]);
    const [firstPage, secondPage] = seen.flagQueries;
    expect(firstPage.getAll('env')).toEqual(['production', 'staging']);
    expect(firstPage.get('summary')).toBe('0');
    expect(firstPage.get('limit')).toBe('2');
    expect(firstPage.get('offset')).toBe('0');
    // The second page is the one `_links.next` pointed to.
    expect(secondPage.get('offset')).toBe('2');
    expect(seen.flagQueries).toHaveLength(2);

    expect(flags).toStrictEqual([
      {
        key: 'dark-mode',
        name: 'Dark mode',
        provider: 'launchdarkly',
        type: 'release',
        temporary: true,
        archived: false,
        environments: [
          {
            name: 'production',
            enabled: true,
            rolloutPercent: 25,
            lastModifiedAt: '2025-08-19T08:45:00.000Z',
          },
          {
            name: 'staging',
            enabled: true,
            lastModifiedAt: '2025-07-19T07:30:00.000Z',
          },
        ],
        createdAt: '2025-06-06T09:00:00.000Z',
        lastModifiedAt: '2025-08-19T08:45:00.000Z',
        owner: 'ariel@acme.com',
        stale: false,
        url: 'https://app.launchdarkly.com/projects/checkout/flags/dark-mode',
      },
      {
        key: 'checkout-kill-switch',
        name: 'Checkout kill switch',
        provider: 'launchdarkly',
        type: 'kill-switch',
        temporary: false,
        archived: false,
        environments: [
          {
            name: 'production',
            enabled: true,
            lastModifiedAt: '2024-10-27T03:33:20.000Z',
          },
          {
            name: 'staging',
            enabled: false,
            lastModifiedAt: '2023-11-03T10:00:00.000Z',
          },
        ],
        createdAt: '2023-11-03T10:00:00.000Z',
        lastModifiedAt: '2024-10-27T03:33:20.000Z',
        owner: 'Payments Team',
        stale: false,
        url: 'https://app.launchdarkly.com/projects/checkout/flags/checkout-kill-switch',
      },
      {
        key: 'pricing-experiment',
        name: 'Pricing page test',
        provider: 'launchdarkly',
        type: 'experiment',
        temporary: true,
        archived: false,
        environments: [
          {
            name: 'production',
            enabled: true,
            rolloutPercent: 50,
            lastModifiedAt: '2025-08-01T00:00:00.000Z',
          },
          {
            name: 'staging',
            enabled: false,
            lastModifiedAt: '2025-01-01T00:00:00.000Z',
          },
        ],
        createdAt: '2025-01-01T00:00:00.000Z',
        lastModifiedAt: '2025-08-01T00:00:00.000Z',
        stale: true,
        staleReason: 'deprecated in LaunchDarkly',
        url: 'https://app.launchdarkly.com/projects/checkout/flags/pricing-experiment',
      },
    ]);
  });

  it('types a permanent flag without type tags as operational', async () => {
    server.use(
      http.get(ENVIRONMENTS_URL, () => HttpResponse.json({ items: [] })),
      http.get(FLAGS_URL, () =>
        HttpResponse.json({
          items: [
            { ...flagsPage1.items[1], tags: ['payments'], environments: {} },
          ],
          _links: {},
        }),
      ),
    );

    const [flag] = await createClient().fetchProjectFlags('checkout', {
      signal,
    });

    expect(flag.type).toBe('operational');
    expect(flag.temporary).toBe(false);
    expect(flag.environments).toEqual([]);
  });

  it('names the provider, path and status of a 401 without revealing the token', async () => {
    useLaunchDarklyHandlers();
    const wrongToken = 'api-wrong-token-that-must-stay-secret';

    const error = await createClient({ token: wrongToken })
      .fetchProjectFlags('checkout', { signal })
      .catch(e => e);

    expect(error.message).toBe(
      'LaunchDarkly request GET /api/v2/projects/checkout/environments failed with status 401 Unauthorized',
    );
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(wrongToken);
    expect(error.message).not.toContain(TOKEN);
  });

  it('fails when a later page answers 500', async () => {
    useLaunchDarklyHandlers();
    server.use(
      http.get(FLAGS_URL, ({ request }) =>
        new URL(request.url).searchParams.get('offset') === '0'
          ? HttpResponse.json(flagsPage1)
          : HttpResponse.json(
              { code: 'internal_error', message: 'oops' },
              { status: 500 },
            ),
      ),
    );

    await expect(
      createClient().fetchProjectFlags('checkout', { signal }),
    ).rejects.toThrow(
      'LaunchDarkly request GET /api/v2/flags/checkout failed with status 500 Internal Server Error',
    );
  });

  it('times out a request that takes longer than the time-out', async () => {
    useLaunchDarklyHandlers();
    server.use(
      http.get(FLAGS_URL, async () => {
        await delay(500);
        return HttpResponse.json(flagsPage1);
      }),
    );
    const client = new LaunchDarklyClient({
      baseUrl: SERVER,
      token: TOKEN,
      requestTimeoutMs: 20,
    });

    const error = await client
      .fetchProjectFlags('checkout', { signal })
      .catch(e => e);

    expect(error.message).toBe(
      'LaunchDarkly request GET /api/v2/flags/checkout timed out after 20 ms',
    );
    expect(error.timedOut).toBe(true);
  });

  it('does not follow a next link to another host', async () => {
    useLaunchDarklyHandlers();
    let foreignRequests = 0;
    server.use(
      http.get(FLAGS_URL, () =>
        HttpResponse.json({
          ...flagsPage1,
          _links: { next: { href: 'https://collector.example.net/steal' } },
        }),
      ),
      http.get('https://collector.example.net/steal', () => {
        foreignRequests++;
        return HttpResponse.json(flagsPage2);
      }),
    );

    await expect(
      createClient().fetchProjectFlags('checkout', { signal }),
    ).rejects.toThrow(
      'LaunchDarkly returned a link to another host (collector.example.net); not following it',
    );
    expect(foreignRequests).toBe(0);
  });

  it('gives up after the page limit when next links never end', async () => {
    useLaunchDarklyHandlers();
    let flagRequests = 0;
    server.use(
      http.get(FLAGS_URL, () => {
        flagRequests++;
        return HttpResponse.json(flagsPage1);
      }),
    );

    await expect(
      createClient({ maxPages: 4 }).fetchProjectFlags('checkout', { signal }),
    ).rejects.toThrow(
      'LaunchDarkly listed more than 4 pages at /api/v2/flags/checkout; giving up',
    );
    expect(flagRequests).toBe(4);
  });

  it('reads from another instance, such as the EU one', async () => {
    server.use(
      http.get(
        'https://app.eu.launchdarkly.com/api/v2/projects/:projectKey/environments',
        () => HttpResponse.json(environments),
      ),
      http.get('https://app.eu.launchdarkly.com/api/v2/flags/:projectKey', () =>
        HttpResponse.json(flagsPage2),
      ),
    );
    const client = new LaunchDarklyClient({
      baseUrl: 'https://app.eu.launchdarkly.com',
      token: TOKEN,
    });

    const flags = await client.fetchProjectFlags('checkout', { signal });

    expect(flags.map(flag => flag.url)).toEqual([
      'https://app.eu.launchdarkly.com/projects/checkout/flags/pricing-experiment',
    ]);
  });
});

describe('launchDarklyRolloutPercent', () => {
  const booleanVariations = [{ value: true }, { value: false }];
  const rollout = (...weights: number[]) => ({
    on: true,
    offVariation: 1,
    fallthrough: {
      rollout: {
        variations: weights.map((weight, variation) => ({ variation, weight })),
      },
    },
  });

  it('is the weight of the true variation of a boolean flag', () => {
    expect(
      launchDarklyRolloutPercent(rollout(12345, 87655), booleanVariations),
    ).toBe(12.345);
    expect(
      launchDarklyRolloutPercent(rollout(87655, 12345), [
        { value: false },
        { value: true },
      ]),
    ).toBe(12.345);
  });

  it('is the weight served other than the off variation of a multivariate flag', () => {
    const variations = [{ value: 'a' }, { value: 'b' }, { value: 'c' }];
    // Variation 0 is the off variation: 30 % + 50 % get the flag.
    expect(
      launchDarklyRolloutPercent(
        { ...rollout(20000, 30000, 50000), offVariation: 0 },
        variations,
      ),
    ).toBe(80);
    expect(
      launchDarklyRolloutPercent(rollout(20000, 30000, 50000), variations),
    ).toBe(70);
    expect(
      launchDarklyRolloutPercent(
        { ...rollout(20000, 30000, 50000), offVariation: undefined },
        variations,
      ),
    ).toBeUndefined();
  });

  it('is undefined when the default rule serves one variation', () => {
    expect(
      launchDarklyRolloutPercent(
        { on: true, fallthrough: { variation: 0 } },
        booleanVariations,
      ),
    ).toBeUndefined();
  });
});
