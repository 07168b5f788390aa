import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

/*
 * Feature flags in the running portal, against the demo data: the demo
 * seeder sends flag snapshots for the services that have a flag provider
 * some 20-40 s after the backend starts.
 */

const DEMO_DATA_TIMEOUT = 120_000;

test.describe('Feature flags', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test("a service page lists the service's active flags", async ({ page }) => {
    await expect(async () => {
      await page.goto('/catalog/default/component/pricing-engine');
      await expect(
        page.getByRole('table', { name: 'Feature flags' }),
      ).toBeVisible({
        timeout: 10_000,
      });
    }).toPass({ timeout: DEMO_DATA_TIMEOUT, intervals: [2_000, 5_000] });

    const flags = page.getByRole('table', { name: 'Feature flags' });
    // pricing-engine's demo flags come from LaunchDarkly; most are stale.
    await expect(flags.getByText('stale').first()).toBeVisible();
    await expect(flags.getByRole('link').first()).toHaveAttribute(
      'href',
      /^https:\/\/app\.launchdarkly\.com\/projects\/pricing-engine\/flags\//,
    );
  });

  test('the organisation page counts stale flags per team and filters them', async ({
    page,
  }) => {
    await expect(async () => {
      await page.goto('/flags');
      await expect(
        page.getByRole('table', { name: 'Stale flags per team' }),
      ).toBeVisible({
        timeout: 10_000,
      });
    }).toPass({ timeout: DEMO_DATA_TIMEOUT, intervals: [2_000, 5_000] });

    const perTeam = page.getByRole('table', { name: 'Stale flags per team' });
    await expect(
      perTeam.getByLabel(/flags of group:default\/checkout-team are stale/),
    ).toBeVisible();

    await page
      .getByLabel('Show only the flags of group:default/checkout-team')
      .click();
    await expect(page).toHaveURL(
      /owner=group%3Adefault%2Fcheckout-team|owner=group:default\/checkout-team/,
    );
    const results = page.getByRole('table', { name: 'Flags' });
    await expect(
      results
        .getByRole('link', {
          name: /pricing|checkout|cart/i,
        })
        .first(),
    ).toBeVisible();
    await expect(results.getByRole('link', { name: /payments/i })).toHaveCount(
      0,
    );
  });
});
