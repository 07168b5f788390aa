/*
 * End-to-end tests in headless Chromium against the running portal.
 *
 * Every package with an `e2e-tests` folder is a Playwright project, so a plugin
 * adds browser tests by adding that folder. The portal is started by
 * scripts/start-e2e-portal.js unless PLAYWRIGHT_URL points at a running one.
 */
import { defineConfig } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const workspaceDirs = ['packages', 'plugins'].flatMap(parent =>
  existsSync(parent)
    ? readdirSync(parent).map(name => resolve(parent, name))
    : [],
);
const e2eProjects = workspaceDirs
  .filter(dir => existsSync(join(dir, 'e2e-tests')))
  .map(dir => ({
    name: dir.split('/').pop()!,
    testDir: join(dir, 'e2e-tests'),
  }));

const externalPortal = process.env.PLAYWRIGHT_URL;

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  webServer: externalPortal
    ? undefined
    : {
        command: 'node scripts/start-e2e-portal.js',
        url: 'http://localhost:7007/.backstage/health/v1/readiness',
        reuseExistingServer: !process.env.CI,
        timeout: 600_000,
        stdout: 'pipe',
      },
  use: {
    baseURL: externalPortal ?? 'http://localhost:7007',
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-gpu',
        '--no-first-run',
      ],
    },
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
  projects: e2eProjects,
});
