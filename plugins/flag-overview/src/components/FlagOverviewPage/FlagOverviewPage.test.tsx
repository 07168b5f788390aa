import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { FlagListResponse } from '@internal/plugin-release-scorecard-common';
import { FlagListQuery, FlagOverviewApi, flagOverviewApiRef } from '../../api';
import { ago, organizationFlag } from '../../__fixtures__/flags';
import { FlagOverviewPage } from './FlagOverviewPage';

const groups: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout-team', namespace: 'default' },
    spec: { type: 'team', profile: { displayName: 'Checkout' }, children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', profile: { displayName: 'Payments' }, children: [] },
  },
];

function response(overrides: Partial<FlagListResponse> = {}): FlagListResponse {
  return {
    items: [
      organizationFlag({
        key: 'new-checkout',
        entityRef: 'component:default/checkout',
        entityTitle: 'Checkout service',
        entityOwner: 'group:default/checkout-team',
        type: 'release',
        createdAt: ago({ days: 52 }),
        stale: true,
        staleReason: 'release flag older than 40 days',
        environments: [
          { name: 'production', enabled: true, rolloutPercent: 10 },
          { name: 'staging', enabled: true },
        ],
      }),
      organizationFlag({
        key: 'kill-payments',
        provider: 'launchdarkly',
        entityRef: 'component:default/payments',
        entityOwner: 'group:default/payments-team',
        type: 'kill-switch',
        temporary: false,
        createdAt: ago({ days: 400 }),
      }),
    ],
    totalCount: 2,
    owners: [
      { owner: 'group:default/payments-team', active: 4, stale: 1, total: 5 },
      { owner: 'group:default/checkout-team', active: 3, stale: 2, total: 3 },
    ],
    ...overrides,
  };
}

function LocationSearch() {
  return <output aria-label="query string">{useLocation().search}</output>;
}

async function renderPage(options: {
  url?: string;
  listFlags?: (query?: FlagListQuery) => Promise<FlagListResponse>;
}) {
  const api: jest.Mocked<FlagOverviewApi> = {
    getEntityFlags: jest.fn(),
    listFlags: jest.fn(options.listFlags ?? (async () => response())),
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [flagOverviewApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: groups })],
      ]}
    >
      <FlagOverviewPage />
      <LocationSearch />
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/flags'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

function lastQuery(api: jest.Mocked<FlagOverviewApi>): FlagListQuery {
  const calls = api.listFlags.mock.calls;
  expect(calls.length).toBeGreaterThan(0);
  return calls[calls.length - 1][0]!;
}

function querySearch() {
  return new URLSearchParams(
    screen.getByRole('status', { name: 'query string' }).textContent ?? '',
  );
}

describe('FlagOverviewPage', () => {
  // Rendering MUI in jsdom and typing into it is slow on a busy machine.
  jest.setTimeout(30_000);

  it('lists every flag with its entity, owner, provider, type, environments, age and staleness', async () => {
    await renderPage({});

    const table = await screen.findByRole('table', { name: 'Flags' });
    expect(screen.getByText('Flags (2)')).toBeInTheDocument();
    const [first, second] = within(table).getAllByRole('row').slice(1);

    expect(within(first).getByText('new-checkout')).toBeInTheDocument();
    expect(
      within(first).getByRole('link', { name: /Checkout service/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout');
    expect(
      within(first).getByRole('link', { name: /checkout-team/ }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout-team');
    expect(within(first).getByText('Unleash')).toBeInTheDocument();
    expect(
      within(first).getByText('production: on · 10 %'),
    ).toBeInTheDocument();
    expect(within(first).getByText('staging: on')).toBeInTheDocument();
    expect(within(first).getByText('52 days ago')).toBeInTheDocument();
    within(first)
      .getByText('stale')
      .closest<HTMLElement>('[tabindex]')!
      .focus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'release flag older than 40 days',
    );

    expect(within(second).getByText('LaunchDarkly')).toBeInTheDocument();
    expect(within(second).getByText('kill-switch')).toBeInTheDocument();
    expect(within(second).getByText('1 year ago')).toBeInTheDocument();
    expect(within(second).queryByText('stale')).not.toBeInTheDocument();
  });

  it('summarises stale flags per team, most stale first, and narrows to a team', async () => {
    const api = await renderPage({});

    const summary = await screen.findByRole('table', {
      name: 'Stale flags per team',
    });
    const rows = within(summary).getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getByRole('rowheader').textContent),
    ).toEqual(['checkout-team', 'payments-team']);
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .slice(0, 3)
        .map(c => c.textContent),
    ).toEqual(['2', '3', '3']);
    expect(
      within(rows[0]).getByRole('progressbar', {
        name: '2 of 3 flags of group:default/checkout-team are stale',
      }),
    ).toHaveAttribute('aria-valuenow', '67');

    await userEvent.click(
      within(rows[1]).getByRole('button', {
        name: 'Show only the flags of group:default/payments-team',
      }),
    );

    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        owner: 'group:default/payments-team',
        limit: 25,
        cursor: undefined,
      }),
    );
    expect(querySearch().get('owner')).toBe('group:default/payments-team');
  });

  it('starts from the filters in the query string', async () => {
    const api = await renderPage({
      url: '/flags?owner=group:default/payments-team&provider=flagsmith&type=experiment&stale=true',
    });

    await screen.findByRole('table', { name: 'Flags' });
    expect(api.listFlags).toHaveBeenCalledTimes(1);
    expect(api.listFlags).toHaveBeenCalledWith({
      owner: 'group:default/payments-team',
      provider: 'flagsmith',
      type: 'experiment',
      stale: true,
      limit: 25,
      cursor: undefined,
    });
    expect(screen.getByLabelText('Provider')).toHaveValue('flagsmith');
    expect(screen.getByLabelText('Type')).toHaveValue('experiment');
    expect(screen.getByLabelText('Staleness')).toHaveValue('true');
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Owner' })).toHaveValue(
        'Payments',
      ),
    );
  });

  it('sends the chosen filters and keeps them in the query string', async () => {
    const api = await renderPage({});
    await screen.findByRole('table', { name: 'Flags' });

    await userEvent.selectOptions(
      screen.getByLabelText('Provider'),
      'launchdarkly',
    );
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'kill-switch');
    await userEvent.selectOptions(screen.getByLabelText('Staleness'), 'false');

    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        provider: 'launchdarkly',
        type: 'kill-switch',
        stale: false,
        limit: 25,
        cursor: undefined,
      }),
    );
    expect(Object.fromEntries(querySearch())).toEqual({
      provider: 'launchdarkly',
      type: 'kill-switch',
      stale: 'false',
    });

    await userEvent.selectOptions(screen.getByLabelText('Staleness'), '');
    await waitFor(() => expect(lastQuery(api).stale).toBeUndefined());
    expect(querySearch().has('stale')).toBe(false);
  });

  it('filters by an owning group picked from the catalog', async () => {
    const api = await renderPage({});
    await screen.findByRole('table', { name: 'Flags' });

    const owner = screen.getByRole('textbox', { name: 'Owner' });
    await userEvent.click(owner);
    await userEvent.type(owner, 'Check');
    await userEvent.click(
      await screen.findByRole('option', { name: /Checkout/ }),
    );

    await waitFor(() =>
      expect(lastQuery(api).owner).toBe('group:default/checkout-team'),
    );
    expect(querySearch().get('owner')).toBe('group:default/checkout-team');
  });

  it('pages through the server with cursors and starts over when a filter changes', async () => {
    // One flag per page: the position counts the flags the page really has.
    const page = (key: string, nextCursor?: string) =>
      response({
        items: [organizationFlag({ key })],
        totalCount: 60,
        nextCursor,
      });
    const api = await renderPage({
      listFlags: async query => {
        if (query?.cursor === 'after-25') {
          return page('on-page-2', 'after-50');
        }
        return page(`on-page-1-${query?.limit}`, 'after-25');
      },
    });

    expect(await screen.findByText('on-page-1-25')).toBeInTheDocument();
    expect(screen.getByText('1–1 of 60')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByText('on-page-2')).toBeInTheDocument();
    expect(screen.getByText('26–26 of 60')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ limit: 25, cursor: 'after-25' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(await screen.findByText('on-page-1-25')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ limit: 25, cursor: undefined });

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('on-page-2')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'release');

    expect(await screen.findByText('on-page-1-25')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({
      type: 'release',
      limit: 25,
      cursor: undefined,
    });
    expect(screen.getByText('1–1 of 60')).toBeInTheDocument();
  });

  it('asks the server for the chosen page size and starts from the first page', async () => {
    const api = await renderPage({
      listFlags: async query =>
        response({
          items: [organizationFlag({ key: `page-of-${query?.limit}` })],
          totalCount: 60,
          nextCursor: query?.cursor ? undefined : 'after-first',
        }),
    });
    expect(await screen.findByText('page-of-25')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lastQuery(api).cursor).toBe('after-first'));

    const pager = screen.getByRole('navigation', { name: 'Flags: pages' });
    await userEvent.selectOptions(
      within(pager).getByRole('combobox', { name: 'Rows per page' }),
      '100',
    );

    expect(await screen.findByText('page-of-100')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ limit: 100, cursor: undefined });
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();
  });

  it('disables the next page when the server has no more', async () => {
    await renderPage({
      listFlags: async () => response({ totalCount: 2, nextCursor: undefined }),
    });

    await screen.findByRole('table', { name: 'Flags' });
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('shows the backend error', async () => {
    await renderPage({
      listFlags: async () => {
        throw new Error('database unavailable');
      },
    });

    expect(
      await screen.findByText('Error: database unavailable'),
    ).toBeInTheDocument();
  });
});
