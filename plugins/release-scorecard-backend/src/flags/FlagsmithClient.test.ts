import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import environments from './__fixtures__/flagsmith/environments.json';
import developmentPage1 from './__fixtures__/flagsmith/features-development-page-1.json';
import developmentPage2 from './__fixtures__/flagsmith/features-development-page-2.json';
import production from './__fixtures__/flagsmith/features-production.json';
import tags from './__fixtures__/flagsmith/tags.json';
import { FlagsmithClient } from './FlagsmithClient';

const TOKEN = 'ser.Zf9k2LmQ4rT7vW1xflagsmith';
const SERVER = 'https://api.flagsmith.com';
const ENVIRONMENTS_URL = `${SERVER}/api/v1/environments/`;
const TAGS_URL = `${SERVER}/api/v1/projects/:projectId/tags/`;
const FEATURES_URL = `${SERVER}/api/v1/projects/:projectId/features/`;

describe('FlagsmithClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const signal = new AbortController().signal;
  const createClient = (options: { token?: string; maxPages?: number } = {}) =>
    new FlagsmithClient({
      baseUrl: SERVER,
      token: options.token ?? TOKEN,
      pageSize: 2,
      maxPages: options.maxPages,
      requestTimeoutMs: 1000,
    });

  /** Answers like Flagsmith: 401 unless `Authorization: Api-Key <token>`. */
  function useFlagsmithHandlers() {
    const seen = {
      authorization: [] as Array<string | null>,
      featureQueries: [] as Array<Record<string, string>>,
    };
    const authorized = (request: Request) => {
      seen.authorization.push(request.headers.get('authorization'));
      return request.headers.get('authorization') === `Api-Key ${TOKEN}`;
    };
    const unauthorized = () =>
      HttpResponse.json(
        { detail: 'Valid Master API Key not found.' },
        { status: 401 },
      );
    server.use(
      http.get(ENVIRONMENTS_URL, ({ request }) => {
        if (!authorized(request)) return unauthorized();
        expect(new URL(request.url).searchParams.get('project')).toBe('5');
        return HttpResponse.json(environments);
      }),
      http.get(TAGS_URL, ({ request, params }) => {
        if (!authorized(request)) return unauthorized();
        expect(params.projectId).toBe('5');
        return HttpResponse.json(tags);
      }),
      http.get(FEATURES_URL, ({ request, params }) => {
        if (!authorized(request)) return unauthorized();
        expect(params.projectId).toBe('5');
        const query = Object.fromEntries(new URL(request.url).searchParams);
        seen.featureQueries.push(query);
        if (query.environment === '13') {
          return HttpResponse.json(production);
        }
        return HttpResponse.json(
          query.page === '2' ? developmentPage2 : developmentPage1,
        );
      }),
    );
    return seen;
  }

  it('merges the per-environment listings and normalises every flag', async () => {
    const seen = useFlagsmithHandlers();

    const flags = await createClient().fetchProjectFlags('5', { signal });

    expect(new Set(seen.authorization)).toEqual(new Set([`Api-Key ${TOKEN}`]));
    // Page 2 is asked of the configured host, not the one in `next`.
    expect(seen.featureQueries).toEqual([
      { environment: '12', is_archived: 'false', page_size: '2' },
      { environment: '12', is_archived: 'false', page_size: '2', page: '2' },
      { environment: '13', is_archived: 'false', page_size: '2' },
    ]);
    expect(flags).toStrictEqual([
      {
        key: 'show_banner',
        provider: 'flagsmith',
        type: 'release',
        temporary: true,
        archived: false,
        environments: [
          { name: 'Development', enabled: true },
          {
            name: 'Production',
            enabled: false,
            lastModifiedAt: '2026-07-02T11:00:00.000Z',
          },
        ],
        createdAt: '2026-05-04T10:00:00.123Z',
        lastModifiedAt: '2026-07-02T11:00:00.000Z',
        owner: 'sam@acme.com',
        stale: false,
      },
      {
        key: 'payments_circuit_breaker',
        provider: 'flagsmith',
        type: 'kill-switch',
        temporary: false,
        archived: false,
        environments: [
          { name: 'Development', enabled: false },
          { name: 'Production', enabled: true },
        ],
        createdAt: '2024-02-12T09:30:00.000Z',
        owner: 'Payments',
        stale: false,
      },
      {
        key: 'old_onboarding',
        provider: 'flagsmith',
        type: 'release',
        temporary: true,
        archived: false,
        environments: [
          { name: 'Development', enabled: true },
          { name: 'Production', enabled: true },
        ],
        createdAt: '2025-09-01T12:00:00.000Z',
        stale: true,
        staleReason: 'tagged stale by Flagsmith',
      },
    ]);
  });

  it('lists the flags once when the project has no environments, and reads unpaged lists', async () => {
    const featureQueries: Array<Record<string, string>> = [];
    server.use(
      http.get(ENVIRONMENTS_URL, () => HttpResponse.json([])),
      http.get(TAGS_URL, () => HttpResponse.json(tags.results)),
      http.get(FEATURES_URL, ({ request }) => {
        featureQueries.push(
          Object.fromEntries(new URL(request.url).searchParams),
        );
        return HttpResponse.json({ ...production, next: null });
      }),
    );

    const flags = await createClient().fetchProjectFlags('5', { signal });

    expect(featureQueries).toEqual([{ is_archived: 'false', page_size: '2' }]);
    expect(flags.map(flag => [flag.key, flag.type, flag.environments])).toEqual(
      [
        ['show_banner', 'release', []],
        ['payments_circuit_breaker', 'kill-switch', []],
        ['old_onboarding', 'release', []],
      ],
    );
  });

  it('names the provider, path and status of a 401 without revealing the token', async () => {
    useFlagsmithHandlers();
    const wrongToken = 'ser.wrong-token-that-must-stay-secret';

    const error = await createClient({ token: wrongToken })
      .fetchProjectFlags('5', { signal })
      .catch(e => e);

    expect(error.message).toMatch(
      /^Flagsmith request GET \/api\/v1\/(environments|projects\/5\/tags)\/ failed with status 401 Unauthorized$/,
    );
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(wrongToken);
    expect(error.message).not.toContain(TOKEN);
  });

  it('fails when a feature listing answers 500', async () => {
    useFlagsmithHandlers();
    server.use(
      http.get(
        FEATURES_URL,
        () => new HttpResponse('<h1>Server Error (500)</h1>', { status: 500 }),
      ),
    );

    await expect(
      createClient().fetchProjectFlags('5', { signal }),
    ).rejects.toThrow(
      'Flagsmith request GET /api/v1/projects/5/features/ failed with status 500 Internal Server Error',
    );
  });

  it('times out a request that takes longer than the time-out', async () => {
    useFlagsmithHandlers();
    server.use(
      http.get(TAGS_URL, async () => {
        await delay(500);
        return HttpResponse.json(tags);
      }),
    );
    const client = new FlagsmithClient({
      baseUrl: SERVER,
      token: TOKEN,
      requestTimeoutMs: 20,
    });

    const error = await client.fetchProjectFlags('5', { signal }).catch(e => e);

    expect(error.message).toBe(
      'Flagsmith request GET /api/v1/projects/5/tags/ timed out after 20 ms',
    );
    expect(error.timedOut).toBe(true);
  });

  it('gives up after the page limit when next links never end', async () => {
    useFlagsmithHandlers();
    let featureRequests = 0;
    server.use(
      http.get(FEATURES_URL, () => {
        featureRequests++;
        return HttpResponse.json(developmentPage1);
      }),
    );

    await expect(
      createClient({ maxPages: 3 }).fetchProjectFlags('5', { signal }),
    ).rejects.toThrow(
      'Flagsmith listed more than 3 pages at /api/v1/projects/5/features/; giving up',
    );
    expect(featureRequests).toBe(3);
  });
});
