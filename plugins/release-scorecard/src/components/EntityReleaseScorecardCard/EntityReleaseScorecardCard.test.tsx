import { textContentMatcher } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityScorecard } from '@internal/plugin-release-scorecard-common';
import { mockReleaseScorecardApi } from '../../__testUtils__/mockApi';
import { renderScorecard } from '../../__testUtils__/renderScorecard';
import {
  blockedScorecard,
  deployment,
  eliteDora,
  emptyDora,
  incident,
  noDataScorecard,
  readyScorecard,
  ruleResult,
  rulesResponse,
  serviceEntity,
  unknownScorecard,
} from '../../__testUtils__/fixtures';
import { EntityReleaseScorecardCard } from './EntityReleaseScorecardCard';

// The card and the tab render charts and tables; on a loaded 2-core
// machine that takes longer than Jest's default 5 s.
jest.setTimeout(30_000);

describe('EntityReleaseScorecardCard', () => {
  it('shows why a blocked candidate cannot ship, with its gates, score and level', async () => {
    const api = mockReleaseScorecardApi({
      getScorecard: jest.fn(async () => blockedScorecard),
      getDora: jest.fn(async () => eliteDora),
    });

    await renderScorecard(<EntityReleaseScorecardCard />, {
      api,
      entity: serviceEntity('checkout-service'),
    });

    expect(
      await screen.findByText('Blocked by a required gate: Load test failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(textContentMatcher('revision a6821b3 · version 3.4.0')),
    ).toBeInTheDocument();
    const gates = screen.getByRole('list', { name: 'Quality gates' });
    expect(
      within(gates).getByLabelText('Load test failed: p95 812 ms, errors 3.1%'),
    ).toBeInTheDocument();
    // The same unit as the rule about it: 84.6%, not 85% here and 0.846 there.
    expect(
      within(gates).getByLabelText('Unit tests passed: coverage 84.6%'),
    ).toBeInTheDocument();
    const score = screen.getByRole('region', { name: 'Score' });
    expect(score).toHaveTextContent('90.5 / 100');
    expect(score).toHaveTextContent('3 of 3 rules have data');
    expect(screen.getByRole('region', { name: 'Level' })).toHaveTextContent(
      'Bronze',
    );
    expect(api.getScorecard).toHaveBeenCalledWith(
      'component:default/checkout-service',
    );
  });

  it('shows the four DORA figures with their tiers', async () => {
    await renderScorecard(<EntityReleaseScorecardCard />, {
      api: mockReleaseScorecardApi({
        getScorecard: jest.fn(async () => readyScorecard),
        getDora: jest.fn(async () => eliteDora),
      }),
      entity: serviceEntity('payments-api'),
    });

    expect(await screen.findByText('Ready to release')).toBeInTheDocument();
    expect(
      await screen.findByLabelText('Deployment frequency: Elite'),
    ).toBeInTheDocument();
    expect(screen.getByText('12 / week')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Lead time for changes: Elite'),
    ).toBeInTheDocument();
    expect(screen.getByText('4 h')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Change failure rate: Elite'),
    ).toBeInTheDocument();
    expect(screen.getByText('4.3%')).toBeInTheDocument();
    expect(screen.getByLabelText('Recovery time: High')).toBeInTheDocument();
    expect(screen.getByLabelText('Overall tier: High')).toBeInTheDocument();
    // What each figure rests on, in the singular where there is one.
    expect(
      screen.getByText('157 succeeded production deployments'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('median of 387 commits, p90 12.7 h'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('7 of 163 production changes failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('median of 1 resolved incident'),
    ).toBeInTheDocument();
  });

  it('explains on hover which changes count and what the overall tier is', async () => {
    await renderScorecard(<EntityReleaseScorecardCard />, {
      api: mockReleaseScorecardApi({
        getScorecard: jest.fn(async () => readyScorecard),
        getDora: jest.fn(async () => eliteDora),
      }),
      entity: serviceEntity('payments-api'),
    });

    const changeFailureRate = await screen.findByText('Change failure rate');
    expect(changeFailureRate).toHaveAccessibleDescription(
      /whether it succeeded, failed or was rolled back \(so there can be more changes than succeeded deployments\)/,
    );
    await userEvent.hover(screen.getByText('overall'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'The overall tier is the worst of the four tiers',
    );
  });

  it('shows a service without data with a low score, its coverage and no DORA tier', async () => {
    await renderScorecard(<EntityReleaseScorecardCard />, {
      api: mockReleaseScorecardApi({
        getScorecard: jest.fn(async () => noDataScorecard),
        getDora: jest.fn(async () => emptyDora),
        getRules: jest.fn(async () => rulesResponse),
      }),
      entity: serviceEntity('search-indexer'),
    });

    const score = await screen.findByRole('region', { name: 'Score' });
    expect(score).toHaveTextContent('9.1 / 100');
    expect(score).toHaveTextContent('1 of 7 rules have data');
    expect(screen.queryByText(/100 \/ 100/)).not.toBeInTheDocument();
    const level = screen.getByRole('region', { name: 'Level' });
    expect(level).toHaveTextContent('None');
    expect(level).toHaveTextContent('Bronze needs 6 more rules to pass');
    expect(within(score).getByText('Score')).toHaveAccessibleDescription(
      /A rule without data counts as not met/,
    );

    expect(
      await screen.findByLabelText('Overall tier: No data'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Deployment frequency: No data'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('no production deployment in the last 90 days'),
    ).toBeInTheDocument();
    for (const tier of ['Elite', 'High', 'Medium', 'Low']) {
      expect(screen.queryByText(tier)).not.toBeInTheDocument();
    }
  });

  it('shows the rules about each gate, so a passed gate does not hide a failing rule', async () => {
    const scorecard: EntityScorecard = {
      ...blockedScorecard,
      readiness: {
        ...blockedScorecard.readiness,
        gates: [
          {
            gate: 'unit-tests',
            status: 'passed',
            required: true,
            metrics: { coverage: 0.52 },
          },
          {
            gate: 'load-test',
            status: 'failed',
            required: true,
            metrics: { p95Ms: 812 },
          },
        ],
      },
      rules: [
        ruleResult({
          status: 'fail',
          actual: 0.52,
          message:
            'gate.unit-tests.coverage is 52%; the rule wants at least 80%.',
        }),
        blockedScorecard.rules[1],
      ],
    };
    await renderScorecard(<EntityReleaseScorecardCard />, {
      api: mockReleaseScorecardApi({
        getScorecard: jest.fn(async () => scorecard),
        getDora: jest.fn(async () => eliteDora),
      }),
      entity: serviceEntity('pricing-engine'),
    });

    const unitTests = await screen.findByRole('list', {
      name: 'Rules about Unit tests',
    });
    expect(within(unitTests).getByRole('img', { name: 'Fail' })).toBeVisible();
    expect(unitTests).toHaveTextContent('rule wants at least 80%');
    expect(
      within(unitTests).getByText('rule wants at least 80%'),
    ).toHaveAccessibleDescription(
      'Unit test coverage of the release candidate is at least 80 %',
    );
    const loadTest = screen.getByRole('list', {
      name: 'Rules about Load test',
    });
    expect(loadTest).toHaveTextContent('rule wants passed');
    expect(screen.getAllByText('required for release')).toHaveLength(2);
  });

  it('shows open incidents and the last production deployment', async () => {
    await renderScorecard(<EntityReleaseScorecardCard />, {
      api: mockReleaseScorecardApi({
        getScorecard: jest.fn(async () => readyScorecard),
        getDora: jest.fn(async () => eliteDora),
        listIncidents: jest.fn(async (_ref, _page, filter) => {
          // The card asks the backend for open incidents only.
          expect(filter).toEqual({ status: 'open' });
          return {
            items: [
              incident({ id: 'a', severity: 'sev3', title: 'Slow search' }),
              incident({ id: 'b', severity: 'sev1', title: 'Checkout down' }),
            ],
          };
        }),
        listDeployments: jest.fn(async (_ref, page, filter) => {
          expect(filter).toEqual({ productionOnly: true });
          expect(page).toEqual({ limit: 1 });
          return {
            items: [
              deployment({
                strategy: 'blue-green',
                gitops: false,
                status: 'rolled-back',
              }),
            ],
          };
        }),
      }),
      entity: serviceEntity('payments-api'),
    });

    const incidents = screen.getByRole('region', { name: 'Open incidents' });
    expect(await within(incidents).findByText('2 open')).toBeInTheDocument();
    expect(incidents).toHaveTextContent('worst sev1: Checkout down');

    const lastDeployment = screen.getByRole('region', {
      name: 'Last production deployment',
    });
    expect(
      await within(lastDeployment).findByText(
        'blue-green · pushed by CI (not GitOps)',
      ),
    ).toBeInTheDocument();
    expect(within(lastDeployment).getByText('Rolled back')).toBeInTheDocument();
    expect(lastDeployment).toHaveTextContent(
      /ago · version 2\.92\.172, revision a077ef6 to production$/,
    );
  });

  it('links to the entity tab', async () => {
    await renderScorecard(<EntityReleaseScorecardCard />, {
      api: mockReleaseScorecardApi({
        getScorecard: jest.fn(async () => readyScorecard),
        getDora: jest.fn(async () => eliteDora),
      }),
      entity: serviceEntity('payments-api'),
    });

    expect(
      await screen.findByRole('link', {
        name: /Release & reliability details/,
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/release',
    );
  });

  it('says what is missing and how to send it when there is no data', async () => {
    await renderScorecard(<EntityReleaseScorecardCard />, {
      api: mockReleaseScorecardApi({
        getScorecard: jest.fn(async () => unknownScorecard),
        getDora: jest.fn(async () => emptyDora),
      }),
      entity: serviceEntity('search-indexer', {
        'github.com/project-slug': 'acme/search-indexer',
      }),
    });

    expect(
      await screen.findByText(
        'No data: no pipeline run of a release candidate yet',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No pipeline runs for search-indexer yet'),
    ).toBeInTheDocument();
    const howTo = screen.getByRole('region', {
      name: 'How to send pipeline runs',
    });
    expect(howTo).toHaveTextContent(
      'github.com/project-slug — GitHub Actions workflow runs (set to acme/search-indexer',
    );
    expect(howTo).toHaveTextContent(
      'sonarqube.org/project-key: acme_my-service',
    );
    expect(howTo).toHaveTextContent(
      "curl -X POST 'https://portal.test/api/release-scorecard/ingest/pipelines'",
    );
    expect(howTo).toHaveTextContent(
      '"entityRef":"component:default/search-indexer"',
    );
    expect(howTo).toHaveTextContent(
      'Authorization: Bearer $RELEASE_SCORECARD_CI_TOKEN',
    );
    expect(
      within(howTo).getAllByRole('button', { name: /copy/i }).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('region', { name: 'Open incidents' }),
    ).toHaveTextContent('None open');
    expect(
      screen.getByText('No production deployment reported yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Lead time for changes: No data'),
    ).toBeInTheDocument();
  });

  it('shows the error when the scorecard cannot be read', async () => {
    await renderScorecard(<EntityReleaseScorecardCard />, {
      api: mockReleaseScorecardApi({
        getScorecard: jest.fn(async () => {
          throw new Error('The database is unavailable; try again shortly');
        }),
      }),
      entity: serviceEntity('payments-api'),
    });

    expect(
      (
        await screen.findAllByText(
          /The database is unavailable; try again shortly/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Ready to release')).not.toBeInTheDocument();
  });
});
