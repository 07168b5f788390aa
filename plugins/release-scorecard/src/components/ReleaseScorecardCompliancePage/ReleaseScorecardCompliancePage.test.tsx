import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockReleaseScorecardApi } from '../../__testUtils__/mockApi';
import { renderScorecard } from '../../__testUtils__/renderScorecard';
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

// The page renders a wide table several times per test: on a loaded 2-core
// CI machine that takes longer than Jest's default 5 s.
jest.setTimeout(30_000);

describe('ReleaseScorecardCompliancePage', () => {
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
        name: 'payments-api: gitops-progressive-delivery — pass',
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('img', {
        name: 'pricing-engine: gitops-progressive-delivery — fail, worse than a week ago',
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('img', {
        name: 'pricing-engine: unit-test-coverage — no data',
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('button', {
        name: /^Deploys through GitOps with a canary or blue\/green strategy: 50% compliant/,
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(within(matrix).getByText('Checkout team')).toBeInTheDocument();
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
    expect(api.getComplianceChanges).toHaveBeenCalledWith(
      expect.objectContaining({ owner: ['group:default/payments-team'] }),
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

  it('highlights what got worse in the last 7 days', async () => {
    await renderScorecard(<ReleaseScorecardCompliancePage />, {
      api: complianceApi({
        getComplianceChanges: jest.fn(async () => ({
          items: [
            {
              entityRef: 'component:default/pricing-engine',
              ruleId: 'gitops-progressive-delivery',
              from: 'pass',
              to: 'fail',
              changedAt: '2026-11-20T10:00:00Z',
            },
            {
              entityRef: 'component:default/cart-service',
              ruleId: 'unit-test-coverage',
              from: 'fail',
              to: 'pass',
              changedAt: '2026-11-19T10:00:00Z',
            },
          ],
        })),
      }),
      catalogEntities,
    });

    const changes = await screen.findByRole('list', {
      name: 'Rule status changes',
    });
    const [worse, better] = within(changes).getAllByRole('listitem');
    expect(within(worse).getByText('Got worse')).toBeInTheDocument();
    expect(worse).toHaveTextContent(
      'pricing-engineDeploys through GitOps with a canary or blue/green strategy:',
    );
    expect(within(better).getByText('Got better')).toBeInTheDocument();
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
