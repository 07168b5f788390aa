#!/usr/bin/env node
/*
 * `npm test`: runs every package's Jest tests once (no watch mode), with the
 * databases the store tests need. Store tests run on SQLite always and on
 * PostgreSQL when one is reachable; CI sets the connection string explicitly
 * so that a missing PostgreSQL fails the run instead of being skipped.
 *
 * Extra arguments are passed to `backstage-cli repo test`, e.g.
 *   npm test -- plugins/release-scorecard-backend
 */
const { spawnSync } = require('node:child_process');
const { Client } = require('pg');

const DEFAULT_POSTGRES = 'postgresql://postgres@127.0.0.1:5432';
const POSTGRES_VAR = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

async function isReachable(connectionString) {
  const client = new Client({
    connectionString,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main() {
  const env = { ...process.env };
  // backstage-cli runs in watch mode unless CI is set.
  env.CI ??= 'true';
  // TestDatabases would otherwise try to start PostgreSQL in Docker.
  env.BACKSTAGE_TEST_DISABLE_DOCKER ??= '1';
  if (!env[POSTGRES_VAR]) {
    if (await isReachable(DEFAULT_POSTGRES)) {
      env[POSTGRES_VAR] = DEFAULT_POSTGRES;
    } else {
      console.warn(
        `PostgreSQL is not reachable at ${DEFAULT_POSTGRES}: database tests run on SQLite only. ` +
          `Set ${POSTGRES_VAR} to test against another server.`,
      );
    }
  }
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('@backstage/cli/bin/backstage-cli'),
      'repo',
      'test',
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env },
  );
  process.exit(result.status ?? 1);
}

main();
