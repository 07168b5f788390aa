import { test, expect, Page } from '@playwright/test';
import { signInAsGuest } from './signIn';

/*
 * The Release Scorecard in the running portal, against the demo data. The
 * demo seeder fills the history some 20-40 s after the backend starts, so
 * pages are reloaded until the scorecard has been evaluated.
 */

const DEMO_DATA_TIMEOUT = 120_000;

/** Opens `path` and reloads until `ready` shows, as demo data arrives. */
async function openWhenEvaluated(
  page: Page,
  path: string,
  ready: (page: Page) => ReturnType<Page['getByText']>,
) {
  await expect(async () => {
    await page.goto(path);
    await expect(ready(page)).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: DEMO_DATA_TIMEOUT, intervals: [2_000, 5_000] });
}

test.describe('Release Scorecard', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('the elite service is ready to release, with elite DORA tiers', async ({
    page,
  }) => {
    await openWhenEvaluated(
      page,
      '/catalog/default/component/payments-api',
      p => p.getByText('Ready to release'),
    );

    const readiness = page.getByRole('region', { name: 'Release readiness' });
    await expect(readiness).toContainText(/revision [0-9a-f]{7}/);
    await expect(
      readiness.getByLabel(/^Unit tests passed: coverage [\d.]+%/),
    ).toBeVisible();
    for (const metric of [
      'Deployment frequency',
      'Lead time for changes',
      'Change failure rate',
    ]) {
      await expect(page.getByLabel(`${metric}: Elite`)).toBeVisible();
    }
    await expect(
      page.getByRole('region', { name: 'Last production deployment' }),
    ).toContainText('canary · GitOps');
    await expect(
      page.getByRole('link', { name: /Release & reliability details/ }),
    ).toHaveAttribute(
      'href',
      /\/catalog\/default\/component\/payments-api\/release$/,
    );
  });

  test('a service whose load test failed is blocked by that gate', async ({
    page,
  }) => {
    await openWhenEvaluated(
      page,
      '/catalog/default/component/checkout-service',
      p => p.getByText('Blocked by a required gate: Load test failed'),
    );

    await expect(
      page
        .getByRole('region', { name: 'Release readiness' })
        .getByLabel(/^Load test failed: p95 \d+ ms/),
    ).toBeVisible();
  });

  test('a struggling service shows its blockers and a low DORA tier', async ({
    page,
  }) => {
    await openWhenEvaluated(
      page,
      '/catalog/default/component/pricing-engine',
      p => p.getByText(/^Blocked by \d+ problems$/),
    );

    const blockers = page.getByRole('list', { name: 'Blockers' });
    await expect(blockers).toContainText('No open sev1 incident');
    await expect(blockers).toContainText('Security test failed');
    await expect(page.getByLabel('Change failure rate: Low')).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Open incidents' }),
    ).toContainText(/[1-9]\d* open\s*worst sev1/);
  });

  test('a service without data says how to send it', async ({ page }) => {
    await openWhenEvaluated(
      page,
      '/catalog/default/component/search-indexer',
      p => p.getByText('No data: no pipeline run of a release candidate yet'),
    );

    const howTo = page.getByRole('region', {
      name: 'How to send pipeline runs',
    });
    await expect(howTo).toContainText('github.com/project-slug');
    await expect(howTo).toContainText(
      "curl -X POST 'http://localhost:7007/api/release-scorecard/ingest/pipelines'",
    );
    await expect(howTo).toContainText('component:default/search-indexer');
  });

  test('the tab shows pipeline runs and every rule with its status', async ({
    page,
  }) => {
    await openWhenEvaluated(
      page,
      '/catalog/default/component/checkout-service/release',
      p => p.getByRole('table', { name: 'Scorecard rules' }),
    );

    const rules = page.getByRole('table', { name: 'Scorecard rules' });
    const loadTestRule = rules.getByRole('row', {
      name: /The load test of the release candidate passes/,
    });
    await expect(loadTestRule).toContainText('Fail');
    await expect(loadTestRule).toContainText('passed');
    await expect(
      rules.getByRole('row', { name: /No open sev1 incident/ }),
    ).toContainText('Pass');
    await expect(
      page.getByRole('table', { name: 'Pipeline runs' }),
    ).toContainText('release candidate');
    await expect(
      page.getByRole('figure', { name: 'Deployments per week' }),
    ).toBeVisible();

    await page.getByRole('button', { name: '30 days' }).click();
    await expect(page.getByText('DORA, last 30 days')).toBeVisible();
  });

  test('the compliance page lists the services and filters by team', async ({
    page,
  }) => {
    await openWhenEvaluated(page, '/release-scorecard/compliance', p =>
      p.getByRole('img', {
        name: /^Payments API: Deploys through GitOps with a canary or blue\/green strategy — pass/,
      }),
    );

    const matrix = page.getByRole('table', { name: 'Services and rules' });
    for (const service of ['Payments API', 'Checkout', 'Search indexer']) {
      await expect(
        matrix.getByRole('link', { name: service, exact: true }),
      ).toBeVisible();
    }

    await page
      .getByRole('textbox', { name: 'Owner (with sub-groups)' })
      .click();
    await page.getByRole('option', { name: 'Payments team' }).click();

    await expect(page).toHaveURL(/owner=group%3Adefault%2Fpayments-team/);
    await expect(
      matrix.getByRole('link', { name: 'Payments API', exact: true }),
    ).toBeVisible();
    await expect(
      matrix.getByRole('link', { name: 'Checkout', exact: true }),
    ).toHaveCount(0);
    await expect(
      page.getByRole('table', { name: 'Compliance per team' }),
    ).toContainText('Payments team');
  });

  test('the rules page shows each rule with its pass rate', async ({
    page,
  }) => {
    await page.goto('/release-scorecard/rules');

    const overview = page.getByRole('table', { name: 'Rules by pass rate' });
    await expect(
      overview.getByRole('row', {
        name: /Deploys through GitOps with a canary or blue\/green strategy/,
      }),
    ).toBeVisible();
    await expect(
      page.getByText(/deployment\.gitops is true/).first(),
    ).toBeVisible();
  });
});
