import { textContentMatcher } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RulesResponse } from '@internal/plugin-release-scorecard-common';
import { mockReleaseScorecardApi } from '../../__testUtils__/mockApi';
import { renderScorecard } from '../../__testUtils__/renderScorecard';
import { failOnReactWarnings } from '../../__testUtils__/failOnReactWarnings';
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

/** The rules in configuration order: the best first, so sorting shows. */
const bestFirst: RulesResponse = {
  ...rulesResponse,
  rules: [...rulesResponse.rules].reverse(),
};

// The page renders several cards with tables: slow on a loaded machine.
jest.setTimeout(30_000);

describe('ReleaseScorecardRulesPage', () => {
  failOnReactWarnings();

  afterEach(() => {
    // jsdom does not scroll; the tests that follow links stub it.
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });

  it('ranks rules by pass rate and links the failing count to the compliance view', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, { api: rulesApi() });

    const overview = await screen.findByRole('table', {
      name: 'Rules by pass rate',
    });
    const [worst, best] = within(overview).getAllByRole('row').slice(1);
    expect(within(worst).getByRole('rowheader')).toHaveTextContent(
      'Deploys through GitOps with a canary or blue/green strategy',
    );
    expect(worst).toHaveTextContent('75%');
    expect(
      within(worst).getByRole('link', {
        name: '2 services fail Deploys through GitOps with a canary or blue/green strategy',
      }),
    ).toHaveAttribute(
      'href',
      '/release-scorecard/compliance?rule=gitops-progressive-delivery&status=fail',
    );
    expect(best).toHaveTextContent('85.7%');
    expect(
      within(best).queryByRole('link', { name: /services fail/ }),
    ).toBeNull();
  });

  it('counts services without data as not passing, and says how', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, { api: rulesApi() });

    const overview = await screen.findByRole('table', {
      name: 'Rules by pass rate',
    });
    const [worst, best] = within(overview).getAllByRole('row').slice(1);
    // 8 pass + 1 exempt of 8 + 1 + 2 fail + 1 without data.
    expect(worst).toHaveTextContent(
      '9 of 12 pass (1 exempt) · 1 without data · 2 not applicable',
    );
    expect(best).toHaveTextContent('12 of 14 pass · 2 without data');
    expect(
      screen.getByText(
        'pass rate = (pass + exempt) ÷ (pass + exempt + fail + no data)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /A service without the data a rule needs does not pass it/,
      ),
    ).toBeInTheDocument();
  });

  it('orders the cards as the table, worst first', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, {
      api: rulesApi({ getRules: jest.fn(async () => bestFirst) }),
    });

    const overview = await screen.findByRole('table', {
      name: 'Rules by pass rate',
    });
    const tableOrder = within(overview)
      .getAllByRole('rowheader')
      .map(cell => cell.textContent);
    const cardOrder = screen
      .getAllByRole('heading', { level: 3 })
      .map(heading => heading.textContent);
    expect(tableOrder).toEqual([
      'Deploys through GitOps with a canary or blue/green strategy',
      'Unit test coverage of the release candidate is at least 80 %',
    ]);
    expect(cardOrder).toEqual(tableOrder);
  });

  it('scrolls to the card of a rule whose title is clicked, and focuses it', async () => {
    const scrollIntoView = jest.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    await renderScorecard(<ReleaseScorecardRulesPage />, { api: rulesApi() });

    const overview = await screen.findByRole('table', {
      name: 'Rules by pass rate',
    });
    await userEvent.click(
      within(overview).getByRole('link', {
        name: 'Unit test coverage of the release candidate is at least 80 %',
      }),
    );

    const card = screen.getByTestId('rule-card-unit-test-coverage');
    await waitFor(() => expect(scrollIntoView).toHaveBeenCalledTimes(1));
    expect(scrollIntoView.mock.contexts[0]).toBe(card);
    expect(card).toHaveFocus();
    expect(card).toHaveAttribute('id', 'rule-unit-test-coverage');

    // The same link again scrolls again, though the hash does not change.
    await userEvent.click(
      within(overview).getByRole('link', {
        name: 'Unit test coverage of the release candidate is at least 80 %',
      }),
    );
    await waitFor(() => expect(scrollIntoView).toHaveBeenCalledTimes(2));
  });

  it('scrolls to the card a shared link names once the rules are loaded', async () => {
    const scrollIntoView = jest.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    await renderScorecard(<ReleaseScorecardRulesPage />, {
      api: rulesApi(),
      route: '/#rule-gitops-progressive-delivery',
    });

    await waitFor(() => expect(scrollIntoView).toHaveBeenCalled());
    expect(scrollIntoView.mock.contexts[0]).toBe(
      screen.getByTestId('rule-card-gitops-progressive-delivery'),
    );
  });

  it('shows each rule in words: condition, applicability, exemptions', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, { api: rulesApi() });

    expect(await screen.findByText('All of these hold:')).toBeInTheDocument();
    expect(screen.getByText('deployment.gitops is true')).toBeInTheDocument();
    expect(
      screen.getByText('deployment.strategy is canary or blue-green'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('gate.unit-tests.coverage is at least 80%'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/≥|\bgte\b|\[canary/)).toBeNull();
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

  it('lists the first failing services of a failing rule, with owner and since when', async () => {
    const api = rulesApi();
    await renderScorecard(<ReleaseScorecardRulesPage />, { api });

    const failing = await screen.findByRole('list', {
      name: 'Services failing Deploys through GitOps with a canary or blue/green strategy',
    });
    const [pricing] = within(failing).getAllByRole('listitem');
    expect(
      within(pricing).getByRole('link', { name: 'Pricing engine' }),
    ).toHaveAttribute('href', '/catalog/default/component/pricing-engine');
    expect(
      within(pricing).getByRole('link', { name: 'checkout-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout-team');
    expect(pricing).toHaveTextContent(/· failing since 18 Nov/);
    expect(api.getCompliance).toHaveBeenCalledTimes(1);
    expect(api.getCompliance).toHaveBeenCalledWith(
      { rule: 'gitops-progressive-delivery', status: 'fail' },
      { limit: 10 },
    );
    expect(screen.getByText('No service fails this rule.')).toBeInTheDocument();
  });

  it('lists the facts rules can test, with type and unit under the name, and searches them', async () => {
    await renderScorecard(<ReleaseScorecardRulesPage />, { api: rulesApi() });

    const facts = await screen.findByRole('table', {
      name: 'Facts rules can test',
    });
    expect(
      within(facts)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual(['Fact', 'Meaning', 'Examples']);
    const [gitops, family] = within(facts).getAllByRole('row').slice(1);
    expect(within(gitops).getByRole('rowheader')).toHaveTextContent(
      'deployment.gitopsboolean',
    );
    expect(within(family).getByRole('rowheader')).toHaveTextContent(
      'gate.<gate>.<metric>number, family of facts',
    );
    expect(family).toHaveTextContent('gate.unit-tests.coverage');

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search facts' }),
      'GitOps',
    );
    expect(within(facts).getAllByRole('row')).toHaveLength(2);
    expect(within(facts).getByRole('rowheader')).toHaveTextContent(
      'deployment.gitops',
    );
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
