import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
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
  ruleResult,
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

/** Shows the URL the app is at, to check what the page keeps in it. */
function CurrentUrl() {
  const location = useLocation();
  return (
    <output aria-label="Current URL">
      {location.pathname}
      {location.search}
      {location.hash}
    </output>
  );
}

const currentUrl = () =>
  screen.getByRole('status', { name: 'Current URL' }).textContent;

// The card and the tab render charts and tables; on a loaded 2-core
// machine that takes longer than Jest's default 5 s.
jest.setTimeout(30_000);

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
    expect(
      within(rows[0]).getByText(/^failing since 20 Nov( 2026)?$/),
    ).toBeInTheDocument();
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
    // The actual value in the unit of its fact, as the tile and chip show it.
    expect(within(rows[2]).getByText('84.6%')).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('at least 80%');
    expect(rows[2]).not.toHaveTextContent('0.846');
    expect(screen.getByText('1 of 3 rules fails')).toBeInTheDocument();
  });

  it('counts rules without data as not met and says when a failure was found at the first evaluation', async () => {
    const scorecard = {
      ...blockedScorecard,
      rules: [
        ruleResult({
          id: 'change-failure-rate',
          title: 'Change failure rate is at most 15%',
          status: 'fail',
          facts: ['dora.changeFailureRate'],
          actual: 0.375,
          expected: 'at most 15%',
          failingSince: {
            at: '2026-11-03T09:00:00.000Z',
            firstEvaluation: true,
          },
        }),
        ruleResult({
          id: 'recovery-time',
          title: 'Incidents are resolved within a day',
          status: 'no-data',
          facts: ['dora.recoveryTimeMedianHours'],
          actual: null,
          expected: 'at most 24 h',
        }),
        ruleResult({ status: 'not-applicable' }),
      ],
      ruleCoverage: { withData: 1, applicable: 2 },
    };
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api: contentApi({ getScorecard: jest.fn(async () => scorecard) }),
      entity: checkout,
    });

    const rules = await screen.findByRole('table', { name: 'Scorecard rules' });
    const [failing] = within(rules).getAllByRole('row').slice(1);
    expect(within(failing).getByText('37.5%')).toBeInTheDocument();
    const since = within(failing).getByText(
      /^failing since the first evaluation, 3 Nov/,
    );
    expect(since).toHaveAccessibleDescription(/it may have failed before/);
    expect(
      screen.getByText('1 of 2 rules fails, 1 has no data'),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Score' })).toHaveTextContent(
      '1 of 2 rules have data',
    );
    // Two levels are known from GET /rules: what the next one needs.
    expect(screen.getByRole('region', { name: 'Level' })).toHaveTextContent(
      'Silver needs 2 more rules to pass',
    );
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

  it('reloads DORA for the chosen window, keeps it in the URL, and shows trends and the records behind them', async () => {
    const api = contentApi();
    await renderScorecard(
      <>
        <EntityReleaseScorecardContent />
        <CurrentUrl />
      </>,
      { api, entity: checkout, route: '/release?historyRule=x#dora' },
    );

    expect(await screen.findByText('DORA, last 90 days')).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Deployments per week' }),
    ).toBeInTheDocument();
    // The weeks' medians are 2.5 h and 4.4 h: the axis is in hours.
    expect(
      screen.getByRole('figure', { name: 'Lead time for changes' }),
    ).toHaveTextContent(
      'Median time from commit to production, per week, in hours',
    );
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
    // The other parameters and the section stay.
    expect(currentUrl()).toBe('/release?historyRule=x&window=30#dora');
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await userEvent.click(screen.getByRole('button', { name: '90 days' }));
    // The default window leaves the URL.
    await waitFor(() =>
      expect(currentUrl()).toBe('/release?historyRule=x#dora'),
    );
  });

  it('opens with the window the URL names', async () => {
    const api = contentApi();
    await renderScorecard(<EntityReleaseScorecardContent />, {
      api,
      entity: checkout,
      route: '/release?window=180',
    });

    expect(
      await screen.findByRole('button', { name: '180 days' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(api.getDora).toHaveBeenCalledWith(
      'component:default/checkout-service',
      { windowDays: 180 },
    );
    expect(api.getDora).not.toHaveBeenCalledWith(
      'component:default/checkout-service',
      { windowDays: 90 },
    );
  });

  it('links to each section of the page and keeps the section in the URL', async () => {
    const scrolledTo: string[] = [];
    const scrollIntoView = jest.fn(function record(this: Element) {
      scrolledTo.push(this.id);
    });
    Object.assign(Element.prototype, { scrollIntoView });
    try {
      await renderScorecard(
        <>
          <EntityReleaseScorecardContent />
          <CurrentUrl />
        </>,
        { api: contentApi(), entity: checkout, route: '/release?window=30' },
      );

      const nav = await screen.findByRole('navigation', {
        name: 'Sections of this page',
      });
      expect(
        within(nav)
          .getAllByRole('link')
          .map(link => link.textContent),
      ).toEqual([
        'Readiness',
        'Pipeline runs',
        'Rules',
        'DORA',
        'Deployments',
        'Incidents',
        'Rule history',
      ]);
      // Every link leads to a section that is on the page.
      for (const link of within(nav).getAllByRole('link')) {
        const id = link.getAttribute('href')!.replace('#', '');
        expect(document.getElementById(id)).not.toBeNull();
      }

      await userEvent.click(within(nav).getByRole('link', { name: 'DORA' }));

      expect(scrolledTo).toEqual(['dora']);
      expect(currentUrl()).toBe('/release?window=30#dora');
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });

  it('scrolls to the section the URL names once the page has loaded', async () => {
    const scrollIntoView = jest.fn();
    Object.assign(Element.prototype, { scrollIntoView });
    try {
      await renderScorecard(<EntityReleaseScorecardContent />, {
        api: contentApi(),
        entity: checkout,
        route: '/release#rule-history',
      });

      await screen.findByRole('table', { name: 'Scorecard rules' });
      await waitFor(() => expect(scrollIntoView).toHaveBeenCalledTimes(1));
      expect(scrollIntoView.mock.contexts[0]).toBe(
        document.getElementById('rule-history'),
      );
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });

  it('filters the rule history by rule and says what each change means', async () => {
    const getHistory = jest.fn(
      async (_ref: string, _page?: unknown, filter?: { rule?: string }) => ({
        items: filter?.rule
          ? [
              {
                entityRef: 'component:default/checkout-service',
                ruleId: 'load-test-passes',
                from: null,
                to: 'fail' as const,
                changedAt: '2026-11-01T08:00:00.000Z',
              },
            ]
          : [
              {
                entityRef: 'component:default/checkout-service',
                ruleId: 'unit-test-coverage',
                from: 'fail' as const,
                to: 'no-data' as const,
                changedAt: '2026-11-21T08:00:00.000Z',
              },
              {
                entityRef: 'component:default/checkout-service',
                ruleId: 'gitops-progressive-delivery',
                from: 'pass' as const,
                to: 'exempt' as const,
                changedAt: '2026-11-20T08:00:00.000Z',
              },
            ],
      }),
    );
    await renderScorecard(
      <>
        <EntityReleaseScorecardContent />
        <CurrentUrl />
      </>,
      { api: contentApi({ getHistory }), entity: checkout, route: '/release' },
    );

    const history = await screen.findByRole('table', {
      name: 'Rule status changes',
    });
    const [worse, same] = within(history).getAllByRole('row').slice(1);
    // Fail → No data is neither better nor worse.
    expect(worse).toHaveTextContent('still not met');
    expect(same).toHaveTextContent('still met');

    await userEvent.click(screen.getByRole('button', { name: /^Rule/ }));
    await userEvent.click(
      screen.getByRole('option', {
        name: 'The load test of the release candidate passes',
      }),
    );

    await waitFor(() =>
      expect(getHistory).toHaveBeenLastCalledWith(
        'component:default/checkout-service',
        { limit: 10, cursor: undefined },
        { rule: 'load-test-passes' },
      ),
    );
    const [first] = within(
      await screen.findByRole('table', { name: 'Rule status changes' }),
    )
      .getAllByRole('row')
      .slice(1);
    expect(first).toHaveTextContent('not evaluated before');
    expect(first).toHaveTextContent(
      'already failing when first evaluated; it may have failed before',
    );
    expect(currentUrl()).toBe('/release?historyRule=load-test-passes');
  });

  it('renders the whole tab without React warnings', async () => {
    const consoleError = jest.spyOn(console, 'error');
    try {
      await renderScorecard(<EntityReleaseScorecardContent />, {
        api: contentApi({
          listPipelineRuns: jest.fn(async () => ({ items: [pipelineRun({})] })),
          listDeployments: jest.fn(async () => ({
            items: [deployment({ id: 'a' }), deployment({ id: 'b' })],
          })),
          listIncidents: jest.fn(async () => ({
            items: [incident({ id: 'INC-1' })],
          })),
        }),
        entity: checkout,
      });
      await screen.findByRole('table', { name: 'Pipeline runs' });
      await screen.findByRole('table', { name: 'Deployments' });
      await screen.findByRole('table', { name: 'Incidents' });
      await screen.findByRole('table', { name: 'Deployments counted' });

      const warnings = consoleError.mock.calls
        .map(args => String(args[0]))
        // Material UI v4 calls findDOMNode once per page load, in every
        // button and link; that is not this page's doing.
        .filter(message => !message.includes('findDOMNode is deprecated'));
      expect(warnings).toEqual([]);
    } finally {
      consoleError.mockRestore();
    }
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
