import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockReleaseScorecardApi } from '../../__testUtils__/mockApi';
import { renderScorecard } from '../../__testUtils__/renderScorecard';
import {
  blockedScorecard,
  deployment,
  doraDetails,
  doraTrend,
  eliteDora,
  incident,
  pipelineRun,
  rulesResponse,
  serviceEntity,
} from '../../__testUtils__/fixtures';
import { EntityReleaseScorecardContent } from './EntityReleaseScorecardContent';

function contentApi(overrides = {}) {
  return mockReleaseScorecardApi({
    getScorecard: jest.fn(async () => blockedScorecard),
    getRules: jest.fn(async () => rulesResponse),
    getDora: jest.fn(async () => eliteDora),
    getDoraTrend: jest.fn(async () => doraTrend),
    getDoraDetails: jest.fn(async () => doraDetails),
    ...overrides,
  });
}

const checkout = serviceEntity('checkout-service', {
  'argocd/app-name': 'checkout-service',
});

describe('EntityReleaseScorecardContent', () => {
  it('lists every rule with status, actual against expected and exemption, failures first', async () => {
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api: contentApi(),
      entity: checkout,
    });

    const rules = await screen.findByRole('table', { name: 'Scorecard rules' });
    const rows = within(rules).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent(
      'The load test of the release candidate passes',
    );
    expect(within(rows[0]).getByText('Fail')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('failed');
    expect(rows[0]).toHaveTextContent('passed');
    expect(rows[1]).toHaveTextContent('Exempt');
    expect(
      within(rows[1]).getByText('deployment.gitops: false'),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByText('deployment.strategy: rolling'),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent(
      'Exempt: Moving to Argo CD in Q1 (until Mar 31, 2027)',
    );
    expect(rows[2]).toHaveTextContent('Pass');
    expect(screen.getByText('1 of 3 rules fail')).toBeInTheDocument();
  });

  it('shows the readiness of each pipeline run, the candidate with its blockers', async () => {
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api: contentApi({
        listPipelineRuns: jest.fn(async () => ({
          items: [
            pipelineRun({}),
            pipelineRun({
              id: 'older',
              revision: 'baebf6b1',
              gates: [
                { gate: 'unit-tests', status: 'passed' },
                { gate: 'container-scan', status: 'passed' },
                { gate: 'load-test', status: 'passed' },
              ],
            }),
            pipelineRun({
              id: 'oldest',
              revision: 'e4d0a9a1',
              gates: [{ gate: 'unit-tests', status: 'passed' }],
            }),
          ],
        })),
      }),
      entity: checkout,
    });

    const runs = await screen.findByRole('table', { name: 'Pipeline runs' });
    const [candidate, older, oldest] = within(runs)
      .getAllByRole('row')
      .slice(1);
    expect(candidate).toHaveTextContent('release candidate');
    expect(within(candidate).getByText('Blocked')).toBeInTheDocument();
    expect(candidate).toHaveTextContent('Load test failed');
    expect(within(older).getByText('Ready')).toBeInTheDocument();
    expect(within(oldest).getByText('Blocked')).toBeInTheDocument();
    expect(oldest).toHaveTextContent(
      'Container scan missing, Load test missing',
    );
    expect(
      within(oldest).getByLabelText('Load test missing'),
    ).toBeInTheDocument();
  });

  it('reloads DORA for the chosen window and shows trends and the records behind them', async () => {
    const api = contentApi();
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api,
      entity: checkout,
    });

    expect(await screen.findByText('DORA, last 90 days')).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Deployments per week' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Lead time for changes' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Deployments (1)' }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('tab', { name: 'Failed changes (1 of 2)' }),
    );
    const failures = screen.getByRole('table', { name: 'Failed changes' });
    expect(failures).toHaveTextContent(
      'incident INC-42 (opened soon after it)',
    );

    await userEvent.click(screen.getByRole('button', { name: '30 days' }));
    await waitFor(() =>
      expect(api.getDora).toHaveBeenLastCalledWith(
        'component:default/checkout-service',
        { windowDays: 30 },
      ),
    );
    expect(api.getDoraTrend).toHaveBeenLastCalledWith(
      'component:default/checkout-service',
      { windowDays: 30 },
    );
    expect(api.getDoraDetails).toHaveBeenLastCalledWith(
      'component:default/checkout-service',
      { windowDays: 30 },
    );
  });

  it('pages through deployments with the cursor the API returned', async () => {
    const listDeployments = jest.fn(
      async (_ref: string, page?: { cursor?: string }) =>
        page?.cursor === 'page-2'
          ? { items: [deployment({ id: 'old', version: '1.0.0' })] }
          : {
              items: [deployment({ id: 'new', version: '2.0.0' })],
              nextCursor: 'page-2',
            },
    );
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api: contentApi({ listDeployments }),
      entity: checkout,
    });

    const deployments = await screen.findByRole('table', {
      name: 'Deployments',
    });
    expect(deployments).toHaveTextContent('2.0.0');
    const pager = screen.getByRole('navigation', {
      name: 'Deployments: pages',
    });
    expect(
      within(pager).getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    await userEvent.click(
      within(pager).getByRole('button', { name: 'Next page' }),
    );

    expect(
      await screen.findByRole('table', { name: 'Deployments' }),
    ).toHaveTextContent('1.0.0');
    expect(listDeployments).toHaveBeenLastCalledWith(
      'component:default/checkout-service',
      { limit: 20, cursor: 'page-2' },
    );
    const pagerAfter = screen.getByRole('navigation', {
      name: 'Deployments: pages',
    });
    expect(within(pagerAfter).getByText('Page 2')).toBeInTheDocument();
    expect(
      within(pagerAfter).getByRole('button', { name: 'Next page' }),
    ).toBeDisabled();

    await userEvent.click(
      within(pagerAfter).getByRole('button', { name: 'Previous page' }),
    );
    expect(
      await screen.findByRole('table', { name: 'Deployments' }),
    ).toHaveTextContent('2.0.0');
  });

  it('lists incidents with severity, status and time to resolve', async () => {
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api: contentApi({
        listIncidents: jest.fn(async () => ({
          items: [
            incident({
              id: 'INC-7',
              title: 'Elevated 5xx rate',
              severity: 'sev2',
              status: 'resolved',
              openedAt: '2026-11-01T10:00:00Z',
              resolvedAt: '2026-11-01T12:30:00Z',
              deploymentId: 'checkout-2026-11-01-1',
            }),
          ],
        })),
      }),
      entity: checkout,
    });

    const incidents = await screen.findByRole('table', { name: 'Incidents' });
    const [row] = within(incidents).getAllByRole('row').slice(1);
    expect(row).toHaveTextContent('Elevated 5xx rate');
    expect(row).toHaveTextContent('caused by checkout-2026-11-01-1');
    expect(row).toHaveTextContent('SEV2');
    expect(row).toHaveTextContent('Resolved');
    expect(row).toHaveTextContent('2.5 h');
  });

  it('says which annotation and curl bring deployments and incidents when there are none', async () => {
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api: contentApi(),
      entity: checkout,
    });

    const deployments = await screen.findByRole('region', {
      name: 'How to send deployments',
    });
    expect(deployments).toHaveTextContent(
      'argocd/app-name — Argo CD syncs and Argo Rollouts (set to checkout-service',
    );
    expect(deployments).toHaveTextContent(
      '/api/release-scorecard/ingest/deployments',
    );
    const incidents = screen.getByRole('region', {
      name: 'How to send incidents',
    });
    expect(incidents).toHaveTextContent(
      'pagerduty.com/service-id — PagerDuty incidents (not set)',
    );
    expect(incidents).toHaveTextContent('pagerduty.com/service-id: PABC123');
    expect(incidents).toHaveTextContent(
      '/api/release-scorecard/ingest/incidents',
    );
  });

  it('shows the error when the scorecard cannot be read', async () => {
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api: contentApi({
        getScorecard: jest.fn(async () => {
          throw new Error('No entity component:default/checkout-service');
        }),
      }),
      entity: checkout,
    });

    expect(
      (
        await screen.findAllByText(
          /No entity component:default\/checkout-service/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
