#!/usr/bin/env node
/*
 * Takes the screenshots of the plugins' READMEs from a running portal with
 * demo data (`node scripts/start-e2e-portal.js`, or `npm start`):
 *
 *   node scripts/capture-screenshots.js [http://localhost:7007]
 *
 * Writes plugins/release-scorecard/docs/*.png in Debian's Chromium
 * (CHROMIUM_PATH to use another).
 */
const { chromium } = require('@playwright/test');
const path = require('node:path');

const baseUrl = process.argv[2] ?? 'http://localhost:7007';
const docs = path.resolve(__dirname, '../plugins/release-scorecard/docs');

async function signIn(page) {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('link', { name: 'Catalog', exact: true })
    .first()
    .waitFor();
}

async function shoot(page, pathname, file, options = {}) {
  await page.goto(`${baseUrl}${pathname}`);
  await page.waitForLoadState('networkidle');
  if (options.waitFor) {
    await options.waitFor(page).first().waitFor({ timeout: 60_000 });
  }
  await page.waitForTimeout(1000);
  const target = options.element ? options.element(page).first() : page;
  await target.screenshot({ path: path.join(docs, file) });
  console.log(`wrote ${file}`);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
  for (const theme of ['light', 'dark']) {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1100 },
      colorScheme: theme,
    });
    const page = await context.newPage();
    await signIn(page);
    // The InfoCard on the overview whose title is "Release scorecard".
    const card = p =>
      p.locator('.MuiCard-root', {
        has: p.getByText('Release scorecard', { exact: true }),
      });
    await shoot(
      page,
      '/catalog/default/component/checkout-service',
      theme === 'light' ? 'entity-card.png' : 'entity-card-dark.png',
      { waitFor: p => p.getByText(/^Blocked by/), element: card },
    );
    if (theme === 'light') {
      await shoot(
        page,
        '/catalog/default/component/checkout-service/release',
        'entity-tab.png',
        { waitFor: p => p.getByRole('table', { name: 'Scorecard rules' }) },
      );
      await shoot(
        page,
        '/catalog/default/component/payments-api/release#dora',
        'entity-tab-dora.png',
        { waitFor: p => p.getByText(/DORA, last/) },
      );
      await shoot(
        page,
        '/release-scorecard/compliance?rule=load-test-passes',
        'compliance-page.png',
        {
          waitFor: p => p.getByRole('table', { name: 'Services and rules' }),
        },
      );
      await shoot(page, '/release-scorecard/rules', 'rules-page.png', {
        waitFor: p => p.getByRole('table', { name: 'Rules by pass rate' }),
      });
    }
    await context.close();
  }
  await browser.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
