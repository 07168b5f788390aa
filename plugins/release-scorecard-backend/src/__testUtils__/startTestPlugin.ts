import { BackendFeature, ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { releaseScorecardPlugin } from '../plugin';
import { testEntities } from './testEntities';

/** Test-only webhook secrets, one per source. */
export const TEST_WEBHOOK_SECRETS = {
  argocd: 'argocd-test-token',
  github: 'github-test-secret',
  gitlab: 'gitlab-test-token',
  pagerduty: 'pagerduty-test-secret',
  sonarqube: 'sonarqube-test-secret',
  trivy: 'trivy-test-token',
  junit: 'junit-test-token',
  cobertura: 'cobertura-test-token',
};

/**
 * Starts a real backend with the plugin, a catalog holding `entities`, the
 * given config under `releaseScorecard` and the database `knex`.
 */
export async function startTestPlugin(options: {
  knex: Knex;
  config?: JsonObject;
  entities?: Entity[];
  features?: BackendFeature[];
  /** Replaces the in-memory catalog of `entities`, e.g. with one that hides entities from some users. */
  catalog?: ServiceFactory;
}) {
  return startTestBackend({
    features: [
      releaseScorecardPlugin,
      mockServices.database.factory({ knex: options.knex }),
      options.catalog ??
        catalogServiceMock.factory({
          entities: options.entities ?? testEntities,
        }),
      mockServices.rootConfig.factory({
        data: {
          releaseScorecard: {
            webhooks: Object.fromEntries(
              Object.entries(TEST_WEBHOOK_SECRETS).map(([source, secret]) => [
                source,
                { secret },
              ]),
            ),
            ...options.config,
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
}
