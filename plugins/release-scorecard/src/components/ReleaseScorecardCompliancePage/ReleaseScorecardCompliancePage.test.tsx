import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { mockReleaseScorecardApi } from '../../__testUtils__/mockApi';
import { renderScorecard } from '../../__testUtils__/renderScorecard';
import { failOnReactWarnings } from '../../__testUtils__/failOnReactWarnings';
import {
  complianceResponse,
  eliteDora,
  rulesResponse,
} from '../../__testUtils__/fixtures';
import { ReleaseScorecardCompliancePage } from './ReleaseScorecardCompliancePage';

const group = (name: string, title: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title },
  spec: { type: 'team', children: [] },
});

const catalogEntities = [
  group('payments-team', 'Payments team'),
  group('checkout-team', 'Checkout team'),
];

function complianceApi(overrides = {}) {
  return mockReleaseScorecardApi({
    getRules: jest.fn(async () => rulesResponse),
    getCompliance: jest.fn(async () => complianceResponse),
    getOwnerDora: jest.fn(async () => eliteDora),
    ...overrides,
  });
}

const changeItems = [
  {
    entityRef: 'component:default/pricing-engine',
    ruleId: 'gitops-progressive-delivery',
    from: 'pass' as const,
    to: 'fail' as const,
    changedAt: '2026-11-20T10:00:00Z',
  },
  {
    entityRef: 'component:default/cart-service',
    ruleId: 'unit-test-coverage',
    from: 'fail' as const,
    to: 'pass' as const,
    changedAt: '2026-11-19T10:00:00Z',
  },
  {
    entityRef: 'component:default/search-indexer',
    ruleId: 'unit-test-coverage',
    from: 'fail' as const,
    to: 'no-data' as const,
    changedAt: '2026-11-18T10:00:00Z',
  },
];

function LocationSearch() {
  return <output aria-label="query string">{useLocation().search}</output>;
}

function querySearch() {
  return new URLSearchParams(
    screen.getByRole('status', { name: 'query string' }).textContent ?? '',
  );
}

// The page renders a wide table several times per test: on a loaded 2-core
// CI machine that takes longer than Jest's default 5 s.
jest.setTimeout(30_000);

describe('ReleaseScorecardCompliancePage', () => {
  // No test may leave a React key or DOM nesting warning in the console.
  failOnReactWarnings();

  it('shows services × rules with accessible cells and compliance per rule', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi(),
      catalogEntities,
    });

    const matrix = await screen.findByRole('table', {
      name: 'Services and rules',
    });
    expect(screen.getByText('Services (2)')).toBeInTheDocument();
    expect(
      within(matrix).getByRole('img', {
        name: 'Payments API: Deploys through GitOps with a canary or blue/green strategy — pass',
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('img', {
        name: 'Pricing engine: Unit test coverage of the release candidate is at least 80 % — no data',
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('button', {
        name: /^Deploys through GitOps with a canary or blue\/green strategy: 50% compliant/,
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('rowheader', { name: /Payments API/ }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(within(matrix).getByText('Checkout team')).toBeInTheDocument();
    expect(
      within(matrix).getByText('1 of 2 rules have data'),
    ).toBeInTheDocument();
  });

  it('heads the rule columns with the titles of the rules, not their ids', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi(),
      catalogEntities,
    });

    const matrix = await screen.findByRole('table', {
      name: 'Services and rules',
    });
    const headers = within(matrix)
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(headers).toEqual([
      'Service',
      'Owner',
      'Readiness',
      'Score',
      'Level',
      'Deploys through GitOps with a canary or blue/green strategy50%',
      'Unit test coverage of the release candidate is at least 80 %100%',
    ]);
    expect(
      within(matrix).queryByText('gitops-progressive-delivery'),
    ).toBeNull();
  });

  it('says since when a cell fails, and whether it got worse, in its tooltip', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi(),
      catalogEntities,
    });

    const matrix = await screen.findByRole('table', {
      name: 'Services and rules',
    });
    const failing = within(matrix).getByRole('img', {
      name: /^Pricing engine: Deploys through GitOps with a canary or blue\/green strategy — fail, failing since 18 Nov/,
    });
    expect(failing).toHaveAccessibleName(
      expect.stringMatching(/; worse than a week ago$/),
    );
    expect(failing.getAttribute('title')).toBe(
      failing.getAttribute('aria-label'),
    );
    expect(failing.closest('td')).toHaveStyle({
      boxShadow: 'inset 3px 0 0 #c62828',
    });
    expect(
      within(matrix)
        .getByRole('img', {
          name: /^Payments API: Deploys through GitOps.* — pass$/,
        })
        .closest('td'),
    ).not.toHaveStyle({ boxShadow: 'inset 3px 0 0 #c62828' });
  });

  it('explains the icons and tints in a legend', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi(),
      catalogEntities,
    });

    const legend = await screen.findByRole('list', {
      name: 'Legend of the matrix',
    });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Pass',
      'Fail',
      'Exempt',
      'No data',
      'Not applicable',
      '—Not evaluated yet',
      '▼Got worse in the last 7 days',
      '▲Got better in the last 7 days',
    ]);
  });

  it('puts the filtered rule next to the service and keeps both in view', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi(),
      catalogEntities,
      route: '/?rule=unit-test-coverage&status=fail',
    });

    const matrix = await screen.findByRole('table', {
      name: 'Services and rules',
    });
    const headers = within(matrix).getAllByRole('columnheader');
    expect(headers.map(header => header.textContent).slice(0, 3)).toEqual([
      'Service',
      'Unit test coverage of the release candidate is at least 80 %100%',
      'Owner',
    ]);
    expect(
      within(headers[1]).getByRole('button', { pressed: true }),
    ).toHaveAccessibleName(/Show every service$/);
    // Sideways, the service and the filtered rule stay; the others scroll.
    const firstRow = within(matrix).getAllByRole('row')[1];
    const [pinned, owner] = within(firstRow).getAllByRole('cell');
    expect(pinned.querySelector('[role="img"]')).toHaveAccessibleName(
      /Unit test coverage/,
    );
    expect(
      getComputedStyle(within(firstRow).getByRole('rowheader')).position,
    ).toBe('sticky');
    expect(getComputedStyle(pinned).position).toBe('sticky');
    expect(getComputedStyle(owner).position).not.toBe('sticky');
  });

  it('hides and shows columns with the column picker, in the URL, without asking the API again', async () => {
    const api = complianceApi();
    await renderScorecard(
      <>
        <ReleaseScorecardCompliancePage />
        <LocationSearch />
      </>,
      { api, catalogEntities },
    );
    const matrix = await screen.findByRole('table', {
      name: 'Services and rules',
    });
    const calls = api.getCompliance.mock.calls.length;

    await userEvent.click(screen.getByRole('button', { name: 'Columns' }));
    const picker = await screen.findByRole('dialog', {
      name: 'Columns of the matrix',
    });
    await userEvent.click(
      within(picker).getByRole('checkbox', { name: 'Owner' }),
    );
    await userEvent.click(
      within(picker).getByRole('checkbox', {
        name: 'Unit test coverage of the release candidate is at least 80 %',
      }),
    );
    await userEvent.click(within(picker).getByRole('button', { name: 'Done' }));

    await waitFor(() =>
      expect(
        within(matrix)
          .getAllByRole('columnheader')
          .map(header => header.textContent),
      ).toEqual([
        'Service',
        'Readiness',
        'Score',
        'Level',
        'Deploys through GitOps with a canary or blue/green strategy50%',
      ]),
    );
    expect(querySearch().getAll('hide')).toEqual([
      'owner',
      'rule:unit-test-coverage',
    ]);
    expect(api.getCompliance).toHaveBeenCalledTimes(calls);

    await userEvent.click(
      screen.getByRole('button', { name: 'Columns (2 hidden)' }),
    );
    const again = await screen.findByRole('dialog', {
      name: 'Columns of the matrix',
    });
    await userEvent.click(
      within(again).getByRole('button', { name: 'Show all' }),
    );
    await userEvent.click(within(again).getByRole('button', { name: 'Done' }));
    await waitFor(() =>
      expect(within(matrix).getAllByRole('columnheader')).toHaveLength(7),
    );
  });

  it('names every filter control for assistive technology', async () => {
    const api = complianceApi();
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api,
      catalogEntities,
    });
    await screen.findByRole('table', { name: 'Services and rules' });

    for (const name of [
      'Owner (with sub-groups)',
      'System',
      'Kind',
      'Type',
      'Lifecycle',
    ]) {
      expect(screen.getByRole('textbox', { name })).toBeInTheDocument();
    }
    expect(
      screen.getByRole('combobox', { name: 'Status of any rule' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Readiness' })).toHaveValue('');
    expect(screen.getByRole('combobox', { name: 'Period' })).toHaveValue('7');

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Rule' }),
      'unit-test-coverage',
    );
    await waitFor(() =>
      expect(api.getCompliance).toHaveBeenLastCalledWith(
        { rule: 'unit-test-coverage' },
        { limit: 50, cursor: undefined },
      ),
    );
    expect(
      screen.getByRole('combobox', { name: 'Status of the rule' }),
    ).toBeInTheDocument();
  });

  it('shows compliance per team, worst first', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi(),
      catalogEntities,
    });

    const teams = await screen.findByRole('table', {
      name: 'Compliance per team',
    });
    const [first, second] = within(teams).getAllByRole('row').slice(1);
    expect(first).toHaveTextContent('Checkout team');
    expect(first).toHaveTextContent('50%');
    expect(second).toHaveTextContent('Payments team');
    expect(second).toHaveTextContent('100%');
  });

  it('says what the per-team figures are computed over', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi(),
      catalogEntities,
      route: '/?rule=gitops-progressive-delivery&status=fail',
    });

    expect(
      await screen.findByText(
        /^Passing or exempt, of every rule result of the 2 services that match the filters; no data counts as not passing\./,
      ),
    ).toHaveTextContent(
      'Only services whose result for Deploys through GitOps with a canary or blue/green strategy is Fail are counted, so a team none of whose services is Fail does not appear here.',
    );
    expect(screen.queryByText(/No team owns a service/)).toBeNull();
  });

  it('reads the filters from the URL, so that a view can be shared', async () => {
    const api = complianceApi();
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api,
      catalogEntities,
      route:
        '/?owner=group:default/payments-team&lifecycle=production&rule=unit-test-coverage&status=fail',
    });

    await screen.findByRole('table', { name: 'Services and rules' });
    expect(api.getCompliance).toHaveBeenCalledWith(
      {
        owner: ['group:default/payments-team'],
        lifecycle: ['production'],
        rule: 'unit-test-coverage',
        status: 'fail',
      },
      { limit: 50, cursor: undefined },
    );
    // The changes feed follows every filter, the rule and status included.
    expect(api.getComplianceChanges).toHaveBeenCalledWith(
      {
        owner: ['group:default/payments-team'],
        lifecycle: ['production'],
        rule: 'unit-test-coverage',
        status: 'fail',
      },
      { days: 7, limit: 8, cursor: undefined },
    );
  });

  it('shows the DORA figures of the one team the view is filtered to', async () => {
    const api = complianceApi();
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api,
      catalogEntities,
      route: '/?owner=group:default/payments-team',
    });

    expect(
      await screen.findByText('Delivery performance of Payments team'),
    ).toBeInTheDocument();
    expect(
      await screen.findByLabelText('Deployment frequency: Elite'),
    ).toBeInTheDocument();
    expect(api.getOwnerDora).toHaveBeenCalledWith(
      'group:default/payments-team',
    );
  });

  it('filters by a team chosen from the catalog groups', async () => {
    const api = complianceApi();
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api,
      catalogEntities,
    });
    await screen.findByRole('table', { name: 'Services and rules' });

    await userEvent.click(
      screen.getByRole('textbox', { name: 'Owner (with sub-groups)' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Payments team' }),
    );

    await waitFor(() =>
      expect(api.getCompliance).toHaveBeenLastCalledWith(
        { owner: ['group:default/payments-team'] },
        { limit: 50, cursor: undefined },
      ),
    );
  });

  it('shows the failures of a rule when its column header is clicked', async () => {
    const api = complianceApi();
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api,
      catalogEntities,
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Deploys through GitOps .* Show the services that fail it$/,
      }),
    );

    await waitFor(() =>
      expect(api.getCompliance).toHaveBeenLastCalledWith(
        { rule: 'gitops-progressive-delivery', status: 'fail' },
        { limit: 50, cursor: undefined },
      ),
    );
  });

  it('pages on the server with the cursor, and back', async () => {
    const getCompliance = jest.fn(
      async (_filter: unknown, page?: { cursor?: string }) =>
        page?.cursor
          ? {
              ...complianceResponse,
              totalCount: 51,
              items: [complianceResponse.items[1]],
            }
          : { ...complianceResponse, totalCount: 51, nextCursor: 'next-50' },
    );
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi({ getCompliance }),
      catalogEntities,
    });

    const pager = await screen.findByRole('navigation', {
      name: 'Services: pages',
    });
    expect(pager).toHaveTextContent('1–2 of 51');
    await userEvent.click(
      within(pager).getByRole('button', { name: 'Next page' }),
    );

    await waitFor(() =>
      expect(
        screen.getByRole('navigation', { name: 'Services: pages' }),
      ).toHaveTextContent('51–51 of 51'),
    );
    expect(getCompliance).toHaveBeenLastCalledWith(
      {},
      { limit: 50, cursor: 'next-50' },
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('navigation', { name: 'Services: pages' }),
      ).toHaveTextContent('1–2 of 51'),
    );
  });

  it('starts again from the first page when the filters change', async () => {
    const getCompliance = jest.fn(async () => ({
      ...complianceResponse,
      totalCount: 51,
      nextCursor: 'next-50',
    }));
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi({ getCompliance }),
      catalogEntities,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    await waitFor(() =>
      expect(getCompliance).toHaveBeenLastCalledWith(
        {},
        { limit: 50, cursor: 'next-50' },
      ),
    );

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the services of Payments team',
      }),
    );

    await waitFor(() =>
      expect(getCompliance).toHaveBeenLastCalledWith(
        { owner: ['group:default/payments-team'] },
        { limit: 50, cursor: undefined },
      ),
    );
  });

  it('exports the filtered view as CSV', async () => {
    const csv = new Blob(['entity,score\r\n'], { type: 'text/csv' });
    const api = complianceApi({
      downloadComplianceCsv: jest.fn(async () => csv),
    });
    const createObjectURL = jest.fn(() => 'blob:compliance');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function checkDownloadLink(this: HTMLAnchorElement) {
        expect(this.download).toBe('release-scorecard-compliance.csv');
        expect(this.href).toBe('blob:compliance');
      });

    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api,
      catalogEntities,
      route: '/?rule=unit-test-coverage',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(api.downloadComplianceCsv).toHaveBeenCalledWith({
      rule: 'unit-test-coverage',
    });
    expect(createObjectURL).toHaveBeenCalledWith(csv);
    click.mockRestore();
  });

  it('highlights what got worse, and calls fail → no data neither better nor worse', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi({
        getComplianceChanges: jest.fn(async () => ({ items: changeItems })),
      }),
      catalogEntities,
    });

    const changes = await screen.findByRole('list', {
      name: 'Rule status changes',
    });
    const [worse, better, stillNotMet] =
      within(changes).getAllByRole('listitem');
    expect(within(worse).getByText('Got worse')).toBeInTheDocument();
    expect(worse).toHaveTextContent(
      'pricing-engineDeploys through GitOps with a canary or blue/green strategy:',
    );
    expect(within(better).getByText('Got better')).toBeInTheDocument();
    expect(within(stillNotMet).getByText('Still not met')).toBeInTheDocument();
    expect(stillNotMet).toHaveTextContent('Fail→No data');
    expect(within(stillNotMet).queryByText(/Got (better|worse)/)).toBeNull();
  });

  it('looks back 7, 30 or 90 days, kept in the URL', async () => {
    const api = complianceApi();
    await renderScorecard(
      <>
        <ReleaseScorecardCompliancePage />
        <LocationSearch />
      </>,
      { api, catalogEntities, route: '/?rule=unit-test-coverage' },
    );
    expect(
      await screen.findByText('Changes in the last 7 days'),
    ).toBeInTheDocument();
    const period = screen.getByRole('combobox', { name: 'Period' });
    expect(
      within(period)
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['7 days', '30 days', '90 days']);

    await userEvent.selectOptions(period, '30');

    await waitFor(() =>
      expect(api.getComplianceChanges).toHaveBeenLastCalledWith(
        { rule: 'unit-test-coverage' },
        { days: 30, limit: 8, cursor: undefined },
      ),
    );
    expect(screen.getByText('Changes in the last 30 days')).toBeInTheDocument();
    expect(querySearch().get('days')).toBe('30');
    expect(querySearch().get('rule')).toBe('unit-test-coverage');
    expect(
      screen.getByText(
        'Only changes of Unit test coverage of the release candidate is at least 80 %, of the services that match the filters',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error the API answered with', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi({
        getCompliance: jest.fn(async () => {
          throw new Error('Not allowed: release-scorecard.compliance.read');
        }),
      }),
      catalogEntities,
    });

    expect(
      (
        await screen.findAllByText(
          /Not allowed: release-scorecard\.compliance\.read/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByRole('table', { name: 'Services and rules' }),
    ).not.toBeInTheDocument();
  });
});
