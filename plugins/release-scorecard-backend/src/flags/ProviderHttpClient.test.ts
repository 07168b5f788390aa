import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { z } from 'zod';
import {
  buildProviderUrl,
  FlagProviderRequestError,
  ProviderHttpClient,
} from './ProviderHttpClient';

const TOKEN = 'secret-token-never-in-messages';

describe('ProviderHttpClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signal = new AbortController().signal;
  const client = new ProviderHttpClient({
    provider: 'unleash',
    displayName: 'Unleash',
    baseUrl: 'https://unleash.example.com/api',
    authHeaders: { Authorization: TOKEN },
    requestTimeoutMs: 1000,
  });
  const anything = z.unknown();

  it('does not follow a redirect, which could carry the token elsewhere', async () => {
    let redirectedRequests = 0;
    server.use(
      http.get('https://unleash.example.com/api/admin/search/features', () =>
        HttpResponse.redirect('https://elsewhere.example.net/features', 302),
      ),
      http.get('https://elsewhere.example.net/features', () => {
        redirectedRequests++;
        return HttpResponse.json({});
      }),
    );

    await expect(
      client.getJson(client.url('/admin/search/features'), anything, signal),
    ).rejects.toThrow(
      /^Unleash request GET \/api\/admin\/search\/features failed with status 302.* \(redirects are not followed; check the configured baseUrl\)$/,
    );
    expect(redirectedRequests).toBe(0);
  });

  it('reports a network error with the provider and path, not the token', async () => {
    server.use(
      http.get('https://unleash.example.com/api/admin/search/features', () =>
        HttpResponse.error(),
      ),
    );

    const error = await client
      .getJson(client.url('/admin/search/features'), anything, signal)
      .then(
        () => {
          throw new Error('expected the request to fail');
        },
        (e: FlagProviderRequestError) => e,
      );

    expect(error.message).toMatch(
      /^Unleash request GET \/api\/admin\/search\/features failed; caused by /,
    );
    expect(error.message).not.toContain(TOKEN);
    expect(error.status).toBeUndefined();
  });

  it('reports a body that is not JSON', async () => {
    server.use(
      http.get('https://unleash.example.com/api/admin/search/features', () =>
        HttpResponse.text('<html>maintenance</html>'),
      ),
    );

    await expect(
      client.getJson(client.url('/admin/search/features'), anything, signal),
    ).rejects.toThrow(
      /^Unleash request GET \/api\/admin\/search\/features failed; caused by SyntaxError/,
    );
  });
});

describe('buildProviderUrl', () => {
  it('keeps the base path and repeats array parameters', () => {
    expect(
      buildProviderUrl(
        'https://flags.example.com/proxy/api/',
        '/v2/flags/a b',
        {
          env: ['production', 'staging'],
          limit: 20,
          summary: false,
          skipped: undefined,
        },
      ).toString(),
    ).toBe(
      'https://flags.example.com/proxy/api/v2/flags/a%20b?env=production&env=staging&limit=20&summary=false',
    );
  });
});
