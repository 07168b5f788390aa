import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('a guest signs in and sees the example services in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(
    '/?filters[kind]=component&filters[type]=service&filters[user]=all',
  );

  await expect(
    page.getByRole('heading', {
      name: 'All service Components (13)',
      level: 2,
    }),
  ).toBeVisible();
  for (const service of ['Payments API', 'Checkout', 'Search indexer']) {
    await expect(
      page.getByRole('link', { name: service, exact: true }),
    ).toBeVisible();
  }
});

test('a service page shows its owner and system', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');

  await expect(
    page.getByRole('heading', { name: 'Payments API' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Payments', exact: true }).first(),
  ).toBeVisible();
});
