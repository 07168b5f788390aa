import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FlagOverviewClient } from './FlagOverviewClient';

const baseUrl = 'http://backstage.test/api/release-scorecard';

describe('FlagOverviewClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const discoveryApi = {
    getBaseUrl: jest.fn(async (pluginId: string) =>
      pluginId === 'release-scorecard' ? baseUrl : 'http://wrong.test',
    ),
  };
  const fetchApi = {
    fetch: jest.fn((input: any, init?: any) => fetch(input, init)),
  };
  const client = new FlagOverviewClient({ discoveryApi, fetchApi });

  /** Answers every GET with `body` and records the URLs asked for. */
  function recordRequests(body: Record<string, unknown[] | string | number>) {
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/*`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(body);
      }),
    );
    return urls;
  }

  it('reads the flags of an entity at its canonical path, through fetchApi', async () => {
    const body = { items: [], snapshots: [], nextCursor: 'abc' };
    const urls = recordRequests(body);

    await expect(
      client.getEntityFlags('Component:default/Payments-API', {
        limit: 500,
        cursor: 'c1',
      }),
    ).resolves.toEqual(body);

    expect(urls).toHaveLength(1);
    expect(urls[0].pathname).toBe(
      '/api/release-scorecard/entities/default/component/payments-api/flags',
    );
    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      limit: '500',
      cursor: 'c1',
    });
    expect(fetchApi.fetch).toHaveBeenCalled();
  });

  it('accepts a compound ref and sends no query string without paging', async () => {
    const urls = recordRequests({ items: [], snapshots: [] });

    await client.getEntityFlags({
      kind: 'component',
      namespace: 'ops',
      name: 'ledger',
    });

    expect(urls[0].pathname).toBe(
      '/api/release-scorecard/entities/ops/component/ledger/flags',
    );
    expect(urls[0].search).toBe('');
  });

  it('sends the organisation filters, leaving out the unset ones', async () => {
    const body = { items: [], owners: [], totalCount: 0 };
    const urls = recordRequests(body);

    await expect(
      client.listFlags({
        owner: 'group:default/payments',
        stale: false,
        type: 'kill-switch',
        limit: 25,
      }),
    ).resolves.toEqual(body);
    await client.listFlags({
      provider: 'flagsmith',
      stale: true,
      cursor: 'n2',
    });

    expect(urls.map(url => url.pathname)).toEqual([
      '/api/release-scorecard/flags',
      '/api/release-scorecard/flags',
    ]);
    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      owner: 'group:default/payments',
      type: 'kill-switch',
      stale: 'false',
      limit: '25',
    });
    expect(Object.fromEntries(urls[1].searchParams)).toEqual({
      provider: 'flagsmith',
      stale: 'true',
      cursor: 'n2',
    });
  });

  it('throws a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/flags`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'limit: must be an integer' },
            request: { method: 'GET', url: '/flags' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    const error = await client.listFlags({ limit: 0 }).catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('limit: must be an integer');
  });

  it('throws a ResponseError for an entity the caller may not see', async () => {
    server.use(
      http.get(
        `${baseUrl}/entities/default/component/secret/flags`,
        () => new HttpResponse('Not found', { status: 404 }),
      ),
    );

    const error = await client
      .getEntityFlags('component:default/secret')
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
  });
});
