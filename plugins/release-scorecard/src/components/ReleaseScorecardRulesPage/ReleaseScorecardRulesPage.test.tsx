import { textContentMatcher } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { mockReleaseScorecardApi } from '../../__testUtils__/mockApi';
import { renderScorecard } from '../../__testUtils__/renderScorecard';
import {
  complianceResponse,
  factsResponse,
  rulesResponse,
} from '../../__testUtils__/fixtures';
import { ReleaseScorecardRulesPage } from './ReleaseScorecardRulesPage';

function rulesApi(overrides = {}) {
  return mockReleaseScorecardApi({
    getRules: jest.fn(async () => rulesResponse),
    getFacts: jest.fn(async () => factsResponse),
    getCompliance: jest.fn(async () => ({
      ...complianceResponse,
      items: [complianceResponse.items[1]],
    })),
    ...overrides,
  });
}

describe('ReleaseScorecardRulesPage', () => {
  it('ranks rules by pass rate and links the failing count to the compliance view', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, { api: rulesApi() });

    const overview = await screen.findByRole('table', {
      name: 'Rules by pass rate',
    });
    const [worst, best] = within(overview).getAllByRole('row').slice(1);
    expect(worst).toHaveTextContent(
      'Deploys through GitOps with a canary or blue/green strategy',
    );
    expect(worst).toHaveTextContent('81.8%');
    expect(worst).toHaveTextContent('9 of 11 pass (1 exempt)');
    expect(
      within(worst).getByRole('link', {
        name: '2 services fail Deploys through GitOps with a canary or blue/green strategy',
      }),
    ).toHaveAttribute(
      'href',
      '/release-scorecard/compliance?rule=gitops-progressive-delivery&status=fail',
    );
    expect(best).toHaveTextContent('100%');
    expect(
      within(best).queryByRole('link', { name: /services fail/ }),
    ).toBeNull();
  });

  it('shows each rule as written: condition, applicability, exemptions', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, { api: rulesApi() });

    expect(await screen.findByText('All of:')).toBeInTheDocument();
    expect(screen.getByText('deployment.gitops = true')).toBeInTheDocument();
    expect(
      screen.getByText('deployment.strategy is one of [canary, blue-green]'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('gate.unit-tests.coverage ≥ 0.8'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('kind component, type service'),
    ).toBeInTheDocument();
    expect(screen.getByText('every entity')).toBeInTheDocument();
    expect(
      screen.getByText(
        textContentMatcher(
          'legacy-billing: Moving from Jenkins pushes to Argo CD in Q1 — until Mar 31, 2027',
        ),
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Blocking: a failure blocks release readiness'),
    ).toBeInTheDocument();
  });

  it('lists the first failing services of a failing rule only', async () => {
    const api = rulesApi();
    await renderScorecard(<ReleaseScorecardRulesPage />, { api });

    const failing = await screen.findByRole('list', {
      name: 'Services failing gitops-progressive-delivery',
    });
    expect(
      within(failing).getByRole('link', { name: 'Pricing engine' }),
    ).toHaveAttribute('href', '/catalog/default/component/pricing-engine');
    expect(api.getCompliance).toHaveBeenCalledTimes(1);
    expect(api.getCompliance).toHaveBeenCalledWith(
      { rule: 'gitops-progressive-delivery', status: 'fail' },
      { limit: 10 },
    );
    expect(screen.getByText('No service fails this rule.')).toBeInTheDocument();
  });

  it('lists the facts rules can test', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, { api: rulesApi() });

    expect(await screen.findByText('deployment.gitops')).toBeInTheDocument();
    expect(screen.getByText('gate.<gate>.<metric>')).toBeInTheDocument();
    expect(screen.getByText('family of facts')).toBeInTheDocument();
  });

  it('shows the error when the rules cannot be read', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, {
      api: rulesApi({
        getRules: jest.fn(async () => {
          throw new Error('Request failed with 503 Service Unavailable');
        }),
      }),
    });

    expect(
      (await screen.findAllByText(/Request failed with 503/)).length,
    ).toBeGreaterThan(0);
  });
});
