/*
 * The Release Scorecard portal backend: the standard Backstage plugins a
 * portal needs, plus the Release Scorecard backend plugin.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: guest access for the local portal.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Software catalog with the example organisation in examples/.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Permission framework, with the example policy of ./permissionPolicy.ts:
// everyone reads the catalog and scorecards, team members see the compliance
// view and the flag list, the platform team may re-evaluate scorecards.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

// Search of the catalog (Lunr in memory on SQLite, PostgreSQL when configured).
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));

// Release Scorecard: readiness, DORA, incidents, flags and scorecard rules.
backend.add(import('@internal/plugin-release-scorecard-backend'));
// Demo history for the example services (those with the
// release-scorecard.io/demo-profile annotation); leave it out in production.
backend.add(
  import('@internal/plugin-release-scorecard-backend-module-demo-data'),
);
// JMeter results from CI set the load-test gate (POST …/webhooks/jmeter).
backend.add(import('@internal/plugin-release-scorecard-backend-module-jmeter'));

backend.start();
