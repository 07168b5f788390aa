import { ResponseError } from '@backstage/errors';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse, JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import {
  ReleaseScorecardClient,
  toQueryString,
} from './ReleaseScorecardClient';

const baseUrl = 'http://backstage.test/api/release-scorecard';

describe('ReleaseScorecardClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ReleaseScorecardClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi({ injectIdentityAuth: { token: 'user-token' } }),
  });

  /** Answers every GET with `body` and records the requests it saw. */
  function recordRequests(body: JsonBodyType = { items: [] }) {
    const requests: Request[] = [];
    server.use(
      http.get(`${baseUrl}/*`, ({ request }) => {
        requests.push(request);
        return HttpResponse.json(body);
      }),
    );
    return requests;
  }

  it('reads an entity scorecard from the entity path, through the fetchApi', async () => {
    const requests = recordRequests({ entityRef: 'x', score: 83.3 });

    const scorecard = await client.getScorecard(
      'component:default/payments-api',
    );

    expect(scorecard.score).toBe(83.3);
    expect(requests[0].url).toBe(
      `${baseUrl}/entities/default/component/payments-api/scorecard`,
    );
    expect(requests[0].headers.get('authorization')).toBe('Bearer user-token');
  });

  it('adds no credentials of its own: auth is the fetchApi’s job', async () => {
    const requests = recordRequests();
    const anonymous = new ReleaseScorecardClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: new MockFetchApi(),
    });

    await anonymous.listDeployments('component:default/payments-api');

    expect(requests[0].headers.get('authorization')).toBeNull();
  });

  it('passes the DORA window to dora, dora/details and dora/trend', async () => {
    const requests = recordRequests();
    const window = { windowDays: 30, to: '2026-11-01T00:00:00Z' };

    await client.getDora('component:default/payments-api', window);
    await client.getDoraDetails('component:default/payments-api', window);
    await client.getDoraTrend('component:default/payments-api', {
      windowDays: 180,
    });

    const query = '?windowDays=30&to=2026-11-01T00%3A00%3A00Z';
    expect(requests.map(request => request.url)).toEqual([
      `${baseUrl}/entities/default/component/payments-api/dora${query}`,
      `${baseUrl}/entities/default/component/payments-api/dora/details${query}`,
      `${baseUrl}/entities/default/component/payments-api/dora/trend?windowDays=180`,
    ]);
  });

  it('pages evidence lists and history with limit and cursor', async () => {
    const requests = recordRequests({ items: [], nextCursor: 'c2' });

    const page = await client.listIncidents('component:default/Pricing', {
      limit: 20,
      cursor: 'c1',
    });
    await client.listPipelineRuns('component:default/pricing');
    await client.getHistory('component:default/pricing', { limit: 5 });

    expect(page.nextCursor).toBe('c2');
    expect(requests.map(request => request.url)).toEqual([
      `${baseUrl}/entities/default/component/pricing/incidents?limit=20&cursor=c1`,
      `${baseUrl}/entities/default/component/pricing/pipelines`,
      `${baseUrl}/entities/default/component/pricing/history?limit=5`,
    ]);
  });

  it('asks for the history of one rule when a rule is given', async () => {
    const requests = recordRequests();

    await client.getHistory(
      'component:default/pricing',
      { limit: 10, cursor: 'c1' },
      { rule: 'load-test-passes' },
    );
    await client.getHistory('component:default/pricing', undefined, {});

    expect(requests.map(request => request.url)).toEqual([
      `${baseUrl}/entities/default/component/pricing/history?limit=10&cursor=c1&rule=load-test-passes`,
      `${baseUrl}/entities/default/component/pricing/history`,
    ]);
  });

  it('sends compliance filters as repeated parameters with the page', async () => {
    const requests = recordRequests({ items: [], totalCount: 0 });

    await client.getCompliance(
      {
        owner: ['group:default/payments-team', 'group:default/checkout-team'],
        kind: ['component'],
        rule: 'unit-test-coverage',
        status: 'fail',
        system: [],
      },
      { limit: 25, cursor: 'abc' },
    );

    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/api/release-scorecard/compliance');
    expect(url.searchParams.getAll('owner')).toEqual([
      'group:default/payments-team',
      'group:default/checkout-team',
    ]);
    expect(url.searchParams.get('kind')).toBe('component');
    expect(url.searchParams.get('rule')).toBe('unit-test-coverage');
    expect(url.searchParams.get('status')).toBe('fail');
    expect(url.searchParams.get('limit')).toBe('25');
    expect(url.searchParams.get('cursor')).toBe('abc');
    expect(url.searchParams.has('system')).toBe(false);
  });

  it('reads the changes of the last days with the same filters', async () => {
    const requests = recordRequests();

    await client.getComplianceChanges(
      { owner: ['group:default/payments-team'] },
      { days: 7, limit: 10 },
    );

    expect(requests[0].url).toBe(
      `${baseUrl}/compliance/changes?owner=group%3Adefault%2Fpayments-team&days=7&limit=10`,
    );
  });

  it('downloads the compliance CSV by asking for text/csv', async () => {
    let accept: string | null = null;
    server.use(
      http.get(`${baseUrl}/compliance`, ({ request }) => {
        accept = request.headers.get('accept');
        return new HttpResponse('entity,score\r\ncomponent:default/a,90\r\n', {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );

    const blob = await client.downloadComplianceCsv({ rule: 'no-open-sev1' });

    expect(accept).toBe('text/csv');
    expect(await blob.text()).toBe(
      'entity,score\r\ncomponent:default/a,90\r\n',
    );
  });

  it('reads rules, facts and an owner’s DORA roll-up', async () => {
    const requests = recordRequests();

    await client.getRules();
    await client.getFacts();
    await client.getOwnerDora('group:default/payments-team', {
      windowDays: 90,
    });

    expect(requests.map(request => request.url)).toEqual([
      `${baseUrl}/rules`,
      `${baseUrl}/rules/facts`,
      `${baseUrl}/owners/default/group/payments-team/dora?windowDays=90`,
    ]);
  });

  it.each([
    [404, 'NotFoundError', 'No entity component:default/ghost'],
    [503, 'ServiceUnavailableError', 'The database is unavailable'],
  ])(
    'throws a ResponseError with the backend’s message on %s',
    async (status, name, message) => {
      server.use(
        http.get(`${baseUrl}/*`, () =>
          HttpResponse.json(
            {
              error: { name, message },
              request: { method: 'GET', url: '/x' },
              response: { statusCode: status },
            },
            { status },
          ),
        ),
      );

      const failure = client.getScorecard('component:default/ghost');

      await expect(failure).rejects.toBeInstanceOf(ResponseError);
      await expect(failure).rejects.toMatchObject({
        statusCode: status,
        body: { error: { name, message } },
      });
    },
  );

  it('throws a ResponseError when the CSV export is refused', async () => {
    server.use(
      http.get(`${baseUrl}/compliance`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Not allowed' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );

    await expect(client.downloadComplianceCsv()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });
});

describe('toQueryString', () => {
  it('leaves out empty values and repeats lists', () => {
    expect(
      toQueryString({ a: 'x', b: undefined, c: '', d: ['1', '2'], e: 0 }),
    ).toBe('?a=x&d=1&d=2&e=0');
    expect(toQueryString({})).toBe('');
  });
});
