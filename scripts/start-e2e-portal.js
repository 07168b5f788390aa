#!/usr/bin/env node
/*
 * Starts the portal the way the end-to-end tests see it: the app bundle built
 * once (packages/app/dist) and served by the backend on port 7007, with
 * in-memory databases. Playwright starts this through `webServer`.
 */
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(path.join(root, 'packages/app/dist/index.html'))) {
  console.log('Building the app bundle for the end-to-end tests…');
  const build = spawnSync(npm, ['run', 'build', '--workspace', 'app'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const backend = spawn(
  npm,
  [
    'start',
    '--workspace',
    'backend',
    '--',
    '--config',
    '../../app-config.yaml',
    '--config',
    '../../app-config.e2e.yaml',
  ],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => backend.kill(signal));
}
backend.on('exit', code => process.exit(code ?? 0));
