import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { EntityFlagsResponse } from '@internal/plugin-release-scorecard-common';
import { FlagOverviewApi, flagOverviewApiRef } from '../../api';
import { ago, snapshot, storedFlag } from '../../__fixtures__/flags';
import { EntityFlagsCard } from './EntityFlagsCard';

function service(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default', annotations },
    spec: { type: 'service', owner: 'group:default/checkout-team' },
  };
}

async function renderCard(options: {
  entity?: Entity;
  pages?: EntityFlagsResponse[];
  error?: Error;
}) {
  const pages = options.pages ?? [];
  const api: jest.Mocked<FlagOverviewApi> = {
    getEntityFlags: jest.fn(async (_ref, page) => {
      if (options.error) {
        throw options.error;
      }
      const index = page?.cursor ? Number(page.cursor) : 0;
      return pages[index];
    }),
    listFlags: jest.fn(),
  };
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [flagOverviewApiRef, api],
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'https://portal.example.com' }),
        ],
      ]}
    >
      <EntityProvider entity={options.entity ?? service()}>
        <EntityFlagsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return { api, rendered };
}

/** The first cell of each body row: the flag keys in display order. */
async function shownFlagKeys() {
  const table = await screen.findByRole('table', { name: 'Feature flags' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(
      row =>
        within(row).getByRole('rowheader').querySelector('code')!.textContent,
    );
}

describe('EntityFlagsCard', () => {
  // Rendering MUI in jsdom and typing into it is slow on a busy machine.
  jest.setTimeout(30_000);

  it('shows the active flags, stale first then oldest first, and all of them on demand', async () => {
    await renderCard({
      entity: service({ 'unleash.io/project-id': 'checkout' }),
      pages: [
        {
          items: [
            storedFlag({ key: 'young', createdAt: ago({ days: 3 }) }),
            storedFlag({ key: 'old', createdAt: ago({ days: 30 }) }),
            storedFlag({
              key: 'archived-one',
              archived: true,
              active: false,
              createdAt: ago({ days: 90 }),
            }),
            storedFlag({
              key: 'switched-off',
              active: false,
              environments: [{ name: 'production', enabled: false }],
              createdAt: ago({ days: 60 }),
            }),
            storedFlag({
              key: 'stale-one',
              stale: true,
              staleReason: 'release flag older than 40 days',
              createdAt: ago({ days: 10 }),
            }),
          ],
          snapshots: [snapshot({ flagCount: 5 })],
        },
      ],
    });

    expect(await shownFlagKeys()).toEqual(['stale-one', 'old', 'young']);
    expect(screen.getByText('3 active of 5 flags')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show inactive flags' }),
    );

    expect(await shownFlagKeys()).toEqual([
      'stale-one',
      'archived-one',
      'switched-off',
      'old',
      'young',
    ]);
    expect(screen.getByText('archived')).toBeInTheDocument();
  });

  it('loads every page of the entity flags before sorting', async () => {
    const { api } = await renderCard({
      pages: [
        {
          items: [
            storedFlag({ key: 'first-page', createdAt: ago({ days: 1 }) }),
          ],
          snapshots: [snapshot()],
          nextCursor: '1',
        },
        {
          items: [
            storedFlag({ key: 'second-page', createdAt: ago({ days: 20 }) }),
          ],
          snapshots: [snapshot()],
        },
      ],
    });

    expect(await shownFlagKeys()).toEqual(['second-page', 'first-page']);
    expect(api.getEntityFlags).toHaveBeenCalledTimes(2);
    expect(api.getEntityFlags).toHaveBeenNthCalledWith(
      1,
      'component:default/checkout',
      { limit: 500, cursor: undefined },
    );
    expect(api.getEntityFlags).toHaveBeenNthCalledWith(
      2,
      'component:default/checkout',
      { limit: 500, cursor: '1' },
    );
  });

  it('shows environments with rollout, type, age, provider link and the stale reason', async () => {
    await renderCard({
      pages: [
        {
          items: [
            storedFlag({
              key: 'new-checkout',
              name: 'New checkout flow',
              type: 'experiment',
              url: 'https://unleash.example.com/projects/checkout/features/new-checkout',
              createdAt: ago({ days: 45 }),
              stale: true,
              staleReason: 'experiment flag older than 40 days',
              environments: [
                { name: 'production', enabled: true, rolloutPercent: 25 },
                { name: 'staging', enabled: false, rolloutPercent: 100 },
              ],
            }),
          ],
          snapshots: [snapshot()],
        },
      ],
    });

    const table = await screen.findByRole('table', { name: 'Feature flags' });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByText('production: on · 25 %')).toBeInTheDocument();
    expect(within(row).getByText('staging: off')).toBeInTheDocument();
    expect(within(row).getByText('New checkout flow')).toBeInTheDocument();
    expect(within(row).getByText('experiment')).toBeInTheDocument();
    expect(within(row).getByText('45 days ago')).toBeInTheDocument();
    expect(within(row).getByText('Unleash')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /new-checkout in Unleash/ }),
    ).toHaveAttribute(
      'href',
      'https://unleash.example.com/projects/checkout/features/new-checkout',
    );

    const badge = within(row).getByText('stale');
    await userEvent.hover(badge);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'experiment flag older than 40 days',
    );
  });

  it('fits half a page: four columns, type and provider under the flag, no word broken', async () => {
    await renderCard({
      pages: [
        {
          items: [
            storedFlag({
              key: 'kill-payments',
              provider: 'launchdarkly',
              type: 'kill-switch',
              temporary: false,
            }),
          ],
          snapshots: [snapshot({ provider: 'launchdarkly' })],
        },
      ],
    });

    const table = await screen.findByRole('table', { name: 'Feature flags' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual(['Flag', 'Environments', 'Age', 'Status']);
    const flag = within(table).getByRole('rowheader');
    expect(flag).toHaveTextContent('kill-payments');
    expect(flag).toHaveTextContent('kill-switch (permanent) · LaunchDarkly');
    expect(getComputedStyle(flag).wordBreak).toBe('keep-all');
    expect(getComputedStyle(flag).overflowWrap).toBe('normal');
  });

  it('says how old each snapshot is and warns when a provider failed', async () => {
    await renderCard({
      entity: service({
        'unleash.io/project-id': 'checkout',
        'launchdarkly.com/project-key': 'checkout',
      }),
      pages: [
        {
          items: [storedFlag({ key: 'kept-flag' })],
          snapshots: [
            snapshot({
              provider: 'launchdarkly',
              refreshedAt: ago({ minutes: 10 }),
            }),
            snapshot({
              provider: 'unleash',
              refreshedAt: ago({ hours: 2 }),
              lastAttemptAt: ago({ minutes: 5 }),
              lastError: 'Unleash answered 503 Service Unavailable',
            }),
          ],
        },
      ],
    });

    expect(await screen.findByText(/LaunchDarkly as of/)).toHaveTextContent(
      'LaunchDarkly as of 10 minutes ago',
    );
    expect(screen.getByText(/Unleash as of/)).toHaveTextContent(
      'Unleash as of 2 hours ago',
    );
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toHaveTextContent(
      'Could not refresh the flags from Unleash (last attempt 5 minutes ago): Unleash answered 503 Service Unavailable',
    );
    expect(alerts[0]).toHaveTextContent(
      'Showing the last good snapshot, from 2 hours ago.',
    );
    expect(await shownFlagKeys()).toEqual(['kept-flag']);
  });

  it('says so when no flag is active', async () => {
    await renderCard({
      pages: [
        {
          items: [
            storedFlag({ key: 'gone', archived: true, active: false }),
            storedFlag({
              key: 'off',
              active: false,
              environments: [{ name: 'production', enabled: false }],
            }),
          ],
          snapshots: [snapshot()],
        },
      ],
    });

    expect(
      await screen.findByText(
        'No active flags; 2 archived or switched-off flags are hidden.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Feature flags' }),
    ).not.toBeInTheDocument();
  });

  it('explains which annotation to add and how to push flags, for an entity without data', async () => {
    const { rendered } = await renderCard({
      pages: [{ items: [], snapshots: [] }],
    });

    expect(
      await screen.findByText('No feature flags for this entity yet'),
    ).toBeInTheDocument();
    const help = screen.getByText(/Map it to a project in your flag provider/);
    expect(help).toHaveTextContent('unleash.io/project-id');
    expect(help).toHaveTextContent('launchdarkly.com/project-key');
    expect(help).toHaveTextContent('flagsmith.com/project-id');

    await waitFor(() => {
      const snippets = Array.from(
        rendered.container.querySelectorAll('pre'),
        pre => pre.textContent,
      );
      const curl = snippets.find(text => text?.startsWith('curl'));
      expect(curl).toContain(
        "curl -X PUT 'https://portal.example.com/api/release-scorecard/ingest/flags'",
      );
    });
    const curl = Array.from(
      rendered.container.querySelectorAll('pre'),
      pre => pre.textContent ?? '',
    ).find(text => text.startsWith('curl'))!;
    expect(curl).toContain('Authorization: Bearer $RELEASE_SCORECARD_CI_TOKEN');
    const body = JSON.parse(curl.slice(curl.indexOf("-d '") + 4, -1));
    expect(body).toEqual({
      entityRef: 'component:default/checkout',
      provider: 'unleash',
      flags: [
        {
          key: 'new-checkout',
          type: 'release',
          temporary: true,
          environments: [
            { name: 'production', enabled: true, rolloutPercent: 25 },
          ],
        },
      ],
    });
    expect(
      screen.getAllByRole('button', { name: /copy/i }).length,
    ).toBeGreaterThan(0);
  });

  it('names the configured provider project when it has not delivered yet', async () => {
    const { rendered } = await renderCard({
      entity: service({ 'launchdarkly.com/project-key': 'pricing' }),
      pages: [{ items: [], snapshots: [] }],
    });

    expect(
      await screen.findByText('No flags received yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/This entity is mapped to/)).toHaveTextContent(
      'LaunchDarkly project pricing (launchdarkly.com/project-key)',
    );
    await waitFor(() =>
      expect(rendered.container.textContent).toContain(
        '"provider": "launchdarkly"',
      ),
    );
  });

  it('shows the backend error', async () => {
    const error = await ResponseError.fromResponse({
      ok: false,
      status: 404,
      statusText: 'Not Found',
      url: 'https://portal.example.com/api/release-scorecard/entities/default/component/checkout/flags',
      headers: new Headers({ 'content-type': 'application/json' }),
      text: async () =>
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'No entity component:default/checkout',
          },
          request: {
            method: 'GET',
            url: '/entities/default/component/checkout/flags',
          },
          response: { statusCode: 404 },
        }),
    } as unknown as Response);
    await renderCard({ error });

    expect(
      await screen.findByText('Error: Request failed with 404 Not Found'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
