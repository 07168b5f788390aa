#!/usr/bin/env node
/*
 * A real Unleash server for the flag provider test (UnleashClient.server.test.ts),
 * from the `unleash-server` npm package on the local PostgreSQL. Started by
 * scripts/start-unleash-server.sh; not part of the portal.
 */
const unleash = require(require.resolve('unleash-server', {
  paths: [process.env.UNLEASH_DIR],
}));

unleash
  .start({
    db: {
      host: process.env.UNLEASH_DB_HOST ?? '127.0.0.1',
      port: Number(process.env.UNLEASH_DB_PORT ?? 5432),
      user: process.env.UNLEASH_DB_USER ?? 'postgres',
      password: process.env.UNLEASH_DB_PASSWORD ?? 'unused-with-trust-auth',
      database: process.env.UNLEASH_DB_NAME ?? 'release_scorecard_unleash',
      ssl: false,
    },
    server: { port: Number(process.env.UNLEASH_PORT ?? 4242) },
    authentication: {
      initApiTokens: [
        {
          environment: '*',
          project: '*',
          secret: process.env.UNLEASH_ADMIN_TOKEN,
          type: 'admin',
          tokenName: 'release-scorecard-test',
        },
      ],
    },
    getLogger: () => ({
      debug() {},
      info() {},
      warn: console.warn,
      error: console.error,
      fatal: console.error,
    }),
  })
  .then(() => console.log('Unleash is running'));
