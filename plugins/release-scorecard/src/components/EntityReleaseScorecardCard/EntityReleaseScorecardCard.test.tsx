import { textContentMatcher } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { mockReleaseScorecardApi } from '../../__testUtils__/mockApi';
import { renderScorecard } from '../../__testUtils__/renderScorecard';
import {
  blockedScorecard,
  deployment,
  eliteDora,
  emptyDora,
  incident,
  readyScorecard,
  serviceEntity,
  unknownScorecard,
} from '../../__testUtils__/fixtures';
import { EntityReleaseScorecardCard } from './EntityReleaseScorecardCard';

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
      await screen.findByText('Blocked by Load test failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(textContentMatcher('revision a6821b3 · version 3.4.0')),
    ).toBeInTheDocument();
    const gates = screen.getByLabelText('Quality gates');
    expect(
      within(gates).getByLabelText('Load test failed: p95 812 ms, errors 3.1%'),
    ).toBeInTheDocument();
    expect(
      within(gates).getByLabelText('Unit tests passed: coverage 85%'),
    ).toBeInTheDocument();
    expect(screen.getByText('90.5 / 100')).toBeInTheDocument();
    expect(screen.getByText('bronze')).toBeInTheDocument();
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
      '"entityRef": "component:default/search-indexer"',
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
